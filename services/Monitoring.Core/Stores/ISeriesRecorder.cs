using Monitoring.Core.Series;

namespace Monitoring.Core.Stores;

/// <summary>
/// Collects time-series points as ingestion and the journal make them and writes them in batches. Recording never
/// waits on I/O. Once <see cref="FlushAsync"/> returns, every point recorded before it was called is written to the
/// series store or kept in its durable spool.
/// </summary>
public interface ISeriesRecorder
{
    /// <summary>False when series are switched off (<c>Metrics:Provider=None</c>): callers need not build points.</summary>
    bool IsEnabled { get; }

    void Record(in DevicePoint point);

    Task FlushAsync(CancellationToken cancellationToken);
}
