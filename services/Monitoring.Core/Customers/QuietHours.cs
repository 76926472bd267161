using System.Globalization;

namespace Monitoring.Core.Customers;

/// <summary>
/// A daily window, in the customer's own time zone, in which messages wait. <see cref="From"/> and <see cref="To"/> are
/// <c>HH:mm</c>; a window whose end is not after its start runs over midnight (22:00–07:00).
/// </summary>
public sealed record QuietHours(string From, string To, string TimeZone)
{
    /// <summary>The moment the window that holds <paramref name="now"/> ends, or null when <paramref name="now"/> is outside it.</summary>
    public DateTimeOffset? EndIfQuiet(DateTimeOffset now)
    {
        if (!TryParseTime(From, out var from) || !TryParseTime(To, out var to) || !TryFindZone(TimeZone, out var zone) || from == to)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var clock = TimeOnly.FromTimeSpan(local.TimeOfDay);
        var overnight = to <= from;
        var quiet = overnight ? clock >= from || clock < to : clock >= from && clock < to;
        if (!quiet)
        {
            return null;
        }

        var endDay = DateOnly.FromDateTime(local.DateTime);
        if (overnight && clock >= from)
        {
            endDay = endDay.AddDays(1);
        }

        return ToInstant(endDay.ToDateTime(to), zone);
    }

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    // A wall-clock end that the spring-forward gap skips is taken as the first valid moment after it; an end that the
    // autumn fall-back repeats is taken at its later occurrence, so the window is never cut short.
    private static DateTimeOffset ToInstant(DateTime wall, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(1);
        }

        var offsets = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall) : [zone.GetUtcOffset(wall)];
        var offset = offsets.Min();
        return new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }
}
