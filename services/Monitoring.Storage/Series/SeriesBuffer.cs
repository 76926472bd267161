using Monitoring.Core.Series;
using Monitoring.Core.Stores;

namespace Monitoring.Storage.Series;

/// <summary>
/// Holds recorded points in memory until the next flush hands them to the sink. Recording takes a lock and appends a
/// struct; flushes run one at a time, so a flush that returns has seen every point recorded before it began.
/// </summary>
internal sealed class SeriesBuffer(ISeriesSink sink) : ISeriesRecorder, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flush = new(1, 1);
    private List<DevicePoint> _pending = new(4096);
    private List<DevicePoint> _spare = new(4096);

    public bool IsEnabled => true;

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public void Record(in DevicePoint point)
    {
        lock (_gate)
        {
            _pending.Add(point);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flush.WaitAsync(cancellationToken);
        try
        {
            List<DevicePoint> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    return;
                }

                batch = _pending;
                _pending = _spare;
            }

            try
            {
                await sink.WriteAsync(batch, cancellationToken);
            }
            catch
            {
                lock (_gate)
                {
                    // Put them back in front, so order holds and the next flush tries again.
                    var newer = _pending;
                    batch.AddRange(newer);
                    _pending = batch;
                    newer.Clear();
                    _spare = newer;
                }

                throw;
            }

            batch.Clear();
            _spare = batch;
        }
        finally
        {
            _flush.Release();
        }
    }

    public void Dispose() => _flush.Dispose();
}
