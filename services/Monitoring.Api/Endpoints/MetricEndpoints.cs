using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Api.Views;
using Monitoring.Core.Protocol;
using Monitoring.Core.Series;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Endpoints;

internal static class MetricEndpoints
{
    private static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);

    public static void MapMetrics(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/devices/{id}/metrics", async (string tenant, string id, string? name, string? from, string? to, string? step,
            IDeviceStore devices, ISeriesReader series, TimeProvider time, CancellationToken ct) =>
        {
            if (Parse(name, from, to, step, time.GetUtcNow(), out var range) is { } problem)
            {
                return Problems.BadRequest(problem);
            }

            if (await devices.FindAsync(tenant, id, ct) is null)
            {
                return Problems.NotFound($"no device '{id}' in tenant '{tenant}'");
            }

            try
            {
                var points = await series.ReadAsync(new SeriesQuery(tenant, id, name!, range.From, range.To, range.Step), ct);
                return Results.Ok(new MetricSeriesView(name!, points));
            }
            catch (HttpRequestException ex)
            {
                return Results.Problem($"the series store did not answer: {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Series unavailable");
            }
        }).WithName("GetDeviceMetrics");
    }

    private static string? Parse(string? name, string? from, string? to, string? step, DateTimeOffset now,
        out (DateTimeOffset From, DateTimeOffset To, TimeSpan? Step) range)
    {
        range = default;
        if (string.IsNullOrEmpty(name) || !MetricNames.IsValid(Encoding.UTF8.GetBytes(name)))
        {
            return "name must be a metric name, [a-z][a-z0-9_]{0,63}";
        }

        if (!TryTime(to, now, out var end) || !TryTime(from, end - DefaultRange, out var start))
        {
            return "from and to must be RFC 3339 timestamps, e.g. 2026-11-22T18:00:00Z";
        }

        if (start > end)
        {
            return "from must not be after to";
        }

        TimeSpan? bucket = null;
        if (step is not null)
        {
            if (!long.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 31_622_400)
            {
                return "step must be a whole number of seconds, 1..31622400";
            }

            bucket = TimeSpan.FromSeconds(seconds);
            if ((end - start) / bucket.Value > SeriesQuery.MaxPoints)
            {
                return $"from..to holds more than {SeriesQuery.MaxPoints} steps; use a larger step";
            }
        }

        range = (start, end, bucket);
        return null;
    }

    private static bool TryTime(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (text is null)
        {
            value = fallback;
            return true;
        }

        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
            && text.Contains('T', StringComparison.OrdinalIgnoreCase);
        return ok;
    }
}
