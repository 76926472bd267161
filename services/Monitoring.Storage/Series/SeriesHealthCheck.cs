using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Monitoring.Storage.Influx;

namespace Monitoring.Storage.Series;

/// <summary>
/// Reports the series store on <c>/readyz</c> without failing readiness: while InfluxDB is away the spool keeps the
/// points, so the check says "degraded" with what waits, and readiness stays 200.
/// </summary>
internal sealed class SeriesHealthCheck(IServiceProvider services, IOptions<MetricsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (!o.IsInflux)
        {
            return Task.FromResult(HealthCheckResult.Healthy(o.IsOff ? "series off (Metrics:Provider=None)" : "SQLite series"));
        }

        var sink = (InfluxSeriesSink)services.GetService(typeof(InfluxSeriesSink))!;
        var spooled = sink.Spool.Bytes;
        return Task.FromResult(sink.Problem is null
            ? HealthCheckResult.Healthy($"InfluxDB at {o.Influx.Url}; {spooled} bytes on their way")
            : HealthCheckResult.Degraded($"InfluxDB at {o.Influx.Url}: {sink.Problem}; {spooled} bytes wait in the spool"));
    }
}
