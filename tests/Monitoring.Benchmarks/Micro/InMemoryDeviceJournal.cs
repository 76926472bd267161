using Monitoring.Core.Devices;
using Monitoring.Core.Stores;

namespace Monitoring.Benchmarks.Micro;

/// <summary>
/// A journal that does the real journal's in-memory work (a dirty set under a lock, the events list, and a flush that
/// copies each changed device's latest record) but "writes" into a dictionary instead of SQLite, so the ingest benchmark
/// measures everything but the store.
/// </summary>
internal sealed class InMemoryDeviceJournal(LiveFleet fleet) : IDeviceJournal
{
    private readonly Lock _gate = new();
    private HashSet<DeviceKey> _dirty = [];
    private List<DeviceEvent> _events = [];

    public Dictionary<DeviceKey, DeviceRecord> Durable { get; } = [];

    public List<DeviceEvent> DurableEvents { get; } = [];

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _dirty.Count;
            }
        }
    }

    public void Record(DeviceChange change)
    {
        lock (_gate)
        {
            _dirty.Add(change.Device.Key);
            if (change.Event is { } e)
            {
                _events.Add(e);
            }
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        HashSet<DeviceKey> dirty;
        List<DeviceEvent> events;
        lock (_gate)
        {
            (dirty, _dirty) = (_dirty, []);
            (events, _events) = (_events, []);
        }

        foreach (var key in dirty)
        {
            if (fleet.Find(key) is { } record)
            {
                Durable[key] = record;
            }
        }

        DurableEvents.AddRange(events);
        return Task.CompletedTask;
    }
}
