using System.Globalization;

namespace Monitoring.Api.Endpoints;

/// <summary>Shared parsing of list parameters.</summary>
internal static class QueryValues
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static bool TryLimit(int? limit, out int value, out string? problem)
    {
        value = limit ?? DefaultLimit;
        problem = value is < 1 or > MaxLimit ? $"limit must be 1..{MaxLimit}" : null;
        return problem is null;
    }

    /// <summary>A limit given as text, parsed in the endpoint so that a bad value is answered after the key check.</summary>
    public static bool TryLimit(string? limit, out int value, out string? problem)
    {
        if (limit is null)
        {
            return TryLimit((int?)null, out value, out problem);
        }

        if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            problem = $"limit must be 1..{MaxLimit}";
            return false;
        }

        return TryLimit(value, out value, out problem);
    }

    /// <summary>An RFC 3339 timestamp (date, <c>T</c>, time, <c>Z</c> or an offset), as UTC; null text is no value.</summary>
    public static bool TryTime(string? text, string name, out DateTimeOffset? value, out string? problem)
    {
        value = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        var shaped = text.Length > 16 && text[10] is 'T' or 't' && (text[^1] is 'Z' or 'z' || text[^6] is '+' or '-');
        if (shaped && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        problem = $"{name} must be an RFC 3339 timestamp, e.g. 2026-11-22T18:00:00Z";
        return false;
    }
}
