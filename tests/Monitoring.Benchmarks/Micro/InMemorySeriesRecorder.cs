using Monitoring.Core.Series;
using Monitoring.Core.Stores;

namespace Monitoring.Benchmarks.Micro;

/// <summary>Keeps recorded points in a list that a flush empties: the ingest path's share of series work, without the I/O.</summary>
internal sealed class InMemorySeriesRecorder : ISeriesRecorder
{
    private readonly Lock _gate = new();
    private readonly List<DevicePoint> _points = new(4096);

    public bool IsEnabled => true;

    public void Record(in DevicePoint point)
    {
        lock (_gate)
        {
            _points.Add(point);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _points.Clear();
        }

        return Task.CompletedTask;
    }
}
