namespace Monitoring.Storage.Series;

/// <summary><c>Metrics:Sqlite</c>: the embedded series store, in a database file of its own.</summary>
public sealed class SqliteSeriesOptions
{
    public string ConnectionString { get; set; } = "Data Source=data/metrics.db";

    /// <summary>Points older than this are averaged into <see cref="DownsampleStep"/> buckets.</summary>
    public TimeSpan DownsampleAfter { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan DownsampleStep { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often retention and downsampling run.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<string> Problems(string section, TimeSpan retention)
    {
        var prefix = $"{section}:Sqlite";
        if (string.IsNullOrWhiteSpace(ConnectionString)) yield return $"{prefix}:ConnectionString must be set.";
        if (DownsampleStep < TimeSpan.FromSeconds(1) || DownsampleStep.Ticks % TimeSpan.TicksPerSecond != 0)
            yield return $"{prefix}:DownsampleStep must be whole seconds, at least 00:00:01 (was {DownsampleStep}).";
        if (DownsampleAfter < DownsampleStep) yield return $"{prefix}:DownsampleAfter must be at least DownsampleStep (was {DownsampleAfter}).";
        if (DownsampleAfter > retention) yield return $"{prefix}:DownsampleAfter must not exceed {section}:Retention (was {DownsampleAfter}).";
        if (MaintenanceInterval < TimeSpan.FromSeconds(1)) yield return $"{prefix}:MaintenanceInterval must be at least 00:00:01 (was {MaintenanceInterval}).";
    }
}
