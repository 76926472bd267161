using Monitoring.Core.Devices;
using Monitoring.Core.Series;
using Monitoring.Core.Stores;

namespace Monitoring.Storage;

internal sealed class DeviceJournal(LiveFleet fleet, IDeviceStore store, ISeriesRecorder series) : IDeviceJournal, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flush = new(1, 1);
    private HashSet<DeviceKey> _dirty = [];
    private List<DeviceEvent> _events = [];

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

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flush.WaitAsync(cancellationToken);
        try
        {
            HashSet<DeviceKey> dirty;
            List<DeviceEvent> events;
            lock (_gate)
            {
                if (_dirty.Count == 0 && _events.Count == 0)
                {
                    return;
                }

                (dirty, _dirty) = (_dirty, []);
                (events, _events) = (_events, []);
            }

            var records = new List<DeviceRecord>(dirty.Count);
            foreach (var key in dirty)
            {
                if (fleet.Find(key) is { } record)
                {
                    records.Add(record);
                }
            }

            try
            {
                await store.SaveAsync(records, events, cancellationToken);
            }
            catch
            {
                Restore(dirty, events);
                throw;
            }

            RecordStates(events);
        }
        finally
        {
            _flush.Release();
        }
    }

    public void Dispose() => _flush.Dispose();

    /// <summary>Each saved state change becomes a <c>device_state</c> point, written with the next series flush.</summary>
    private void RecordStates(List<DeviceEvent> events)
    {
        if (!series.IsEnabled)
        {
            return;
        }

        foreach (var e in events)
        {
            var device = fleet.Find(new DeviceKey(e.Tenant, e.DeviceId)) ?? DeviceStateMachine.NewDevice(e.Tenant, e.DeviceId);
            series.Record(DevicePoint.StateChange(device, DeviceSeries.StateAfter(e), e.At));
        }
    }

    private void Restore(HashSet<DeviceKey> dirty, List<DeviceEvent> events)
    {
        lock (_gate)
        {
            _dirty.UnionWith(dirty);
            events.AddRange(_events);
            _events = events;
        }
    }
}
