using System.Diagnostics.Metrics;

namespace Monitoring.Storage.Series;

/// <summary>
/// What happened to each time-series point: written at once, spooled while the store was away, replayed from the
/// spool, or dropped (refused by the store as malformed, or pushed out of a full spool). Tags are a fixed set.
/// </summary>
public sealed class SeriesMetrics
{
    public const string MeterName = "Monitoring.Series";
    private static readonly KeyValuePair<string, object?> Rejected = new("reason", "rejected");
    private static readonly KeyValuePair<string, object?> SpoolFull = new("reason", "spool_full");
    private static readonly KeyValuePair<string, object?> SpoolCorrupt = new("reason", "spool_corrupt");
    private readonly Counter<long> _written;
    private readonly Counter<long> _spooled;
    private readonly Counter<long> _replayed;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _latency;
    private long _spoolBytes;

    public SeriesMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _written = meter.CreateCounter<long>("monitoring_series_points_written", description: "Points the series store accepted on first write.");
        _spooled = meter.CreateCounter<long>("monitoring_series_points_spooled", description: "Points kept in the on-disk spool because the series store could not take them.");
        _replayed = meter.CreateCounter<long>("monitoring_series_points_replayed", description: "Spooled points the series store accepted later.");
        _dropped = meter.CreateCounter<long>("monitoring_series_points_dropped", description: "Points lost, by reason: rejected (malformed), spool_full, spool_corrupt.");
        _latency = meter.CreateHistogram<double>("monitoring_series_write", unit: "s", description: "Time of each write request, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        meter.CreateObservableGauge("monitoring_series_spool", () => Interlocked.Read(ref _spoolBytes), unit: "By", description: "Bytes waiting in the spool.");
    }

    public void Written(long points) => _written.Add(points);

    public void Spooled(long points) => _spooled.Add(points);

    public void Replayed(long points) => _replayed.Add(points);

    public void DroppedRejected(long points) => _dropped.Add(points, Rejected);

    public void DroppedSpoolFull(long points) => _dropped.Add(points, SpoolFull);

    public void DroppedCorrupt(long points) => _dropped.Add(points, SpoolCorrupt);

    public void WriteTook(TimeSpan elapsed) => _latency.Record(elapsed.TotalSeconds);

    public void SpoolHolds(long bytes) => Interlocked.Exchange(ref _spoolBytes, bytes);
}
