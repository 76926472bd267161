using System.Globalization;
using System.Text;
using Monitoring.Core.Series;

namespace Monitoring.Storage.Influx;

/// <summary>
/// A <see cref="SeriesQuery"/> as InfluxQL (v1) or Flux (v2). Buckets start at multiples of the step from the Unix
/// epoch, as InfluxQL's <c>GROUP BY time()</c> and the SQLite store do.
/// </summary>
internal static class InfluxQueries
{
    public static string InfluxQl(SeriesQuery query)
    {
        var field = Identifier(query.Metric);
        var where = $"\"tenant\" = {Literal(query.Tenant)} AND \"device\" = {Literal(query.Device)} " +
            $"AND time >= {query.From.ToUnixTimeMilliseconds()}ms AND time <= {query.To.ToUnixTimeMilliseconds()}ms";
        return query.Step is { } step
            ? $"SELECT mean({field}) FROM \"{DeviceSeries.Metrics}\" WHERE {where} GROUP BY time({(long)step.TotalSeconds}s) fill(none) LIMIT {SeriesQuery.MaxPoints}"
            : $"SELECT {field} FROM \"{DeviceSeries.Metrics}\" WHERE {where} LIMIT {SeriesQuery.MaxPoints}";
    }

    public static string Flux(string bucket, SeriesQuery query)
    {
        var flux = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"from(bucket: {FluxString(bucket)})\n")
            // range's stop is exclusive; the query's To is included.
            .Append(CultureInfo.InvariantCulture, $"  |> range(start: {FluxTime(query.From)}, stop: {FluxTime(query.To.AddMilliseconds(1))})\n")
            .Append(CultureInfo.InvariantCulture, $"  |> filter(fn: (r) => r._measurement == {FluxString(DeviceSeries.Metrics)} and r._field == {FluxString(query.Metric)}")
            .Append(CultureInfo.InvariantCulture, $" and r.tenant == {FluxString(query.Tenant)} and r.device == {FluxString(query.Device)})\n")
            .Append("  |> group()\n");
        if (query.Step is { } step)
        {
            flux.Append(CultureInfo.InvariantCulture, $"  |> aggregateWindow(every: {(long)step.TotalSeconds}s, fn: mean, createEmpty: false, timeSrc: \"_start\")\n");
        }

        return flux
            .Append("  |> sort(columns: [\"_time\"])\n")
            .Append(CultureInfo.InvariantCulture, $"  |> limit(n: {SeriesQuery.MaxPoints})\n")
            .Append("  |> keep(columns: [\"_time\", \"_value\"])\n")
            .ToString();
    }

    private static string Identifier(string name) =>
        "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static string FluxString(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("${", "\\${", StringComparison.Ordinal) + "\"";

    private static string FluxTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
