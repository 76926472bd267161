using Monitoring.Core.Devices;
using Monitoring.Core.Series;
using Monitoring.Core.Stores;

namespace Monitoring.Storage;

internal sealed class DeviceJournal(LiveFleet fleet, IDeviceStore store, ISeriesRecorder series) : IDeviceJournal, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flush = new(1, 1);
    private HashSet<DeviceKey> _dirty = [];

    // Devices whose record moved only in its signs of life since it was last written: the store updates just those.
    private HashSet<DeviceKey> _seen = [];
    private List<DeviceEvent> _events = [];

    // The sets of the previous flush, emptied, so a flush does not grow two sets of a batch's size from nothing again.
    private HashSet<DeviceKey> _spareDirty = [];
    private HashSet<DeviceKey> _spareSeen = [];

    public void Record(DeviceChange change)
    {
        var key = change.Device.Key;
        lock (_gate)
        {
            if (change.SignOfLifeOnly)
            {
                _seen.Add(key);
            }
            else
            {
                _dirty.Add(key);
            }

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
            HashSet<DeviceKey> dirty, seen;
            List<DeviceEvent> events;
            lock (_gate)
            {
                if (_dirty.Count == 0 && _seen.Count == 0 && _events.Count == 0)
                {
                    return;
                }

                (dirty, _dirty) = (_dirty, _spareDirty);
                (seen, _seen) = (_seen, _spareSeen);
                (events, _events) = (_events, []);
            }

            var records = Latest(dirty, except: null);
            var signsOfLife = Latest(seen, except: dirty);
            try
            {
                await store.SaveAsync(records, signsOfLife, events, cancellationToken);
            }
            catch
            {
                Restore(dirty, seen, events);
                throw;
            }
            finally
            {
                _spareDirty = Emptied(dirty);
                _spareSeen = Emptied(seen);
            }

            RecordStates(events);
        }
        finally
        {
            _flush.Release();
        }
    }

    public void Dispose() => _flush.Dispose();

    /// <summary>The live records of <paramref name="keys"/>, leaving out those written whole anyway.</summary>
    private List<DeviceRecord> Latest(HashSet<DeviceKey> keys, HashSet<DeviceKey>? except)
    {
        var records = new List<DeviceRecord>(keys.Count);
        foreach (var key in keys)
        {
            if (except?.Contains(key) != true && fleet.Find(key) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

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

    /// <summary>The set cleared for reuse, unless a mass change (a pass after an outage) made it too big to keep around.</summary>
    private static HashSet<DeviceKey> Emptied(HashSet<DeviceKey> used)
    {
        if (used.Count > 65_536)
        {
            return [];
        }

        used.Clear();
        return used;
    }

    private void Restore(HashSet<DeviceKey> dirty, HashSet<DeviceKey> seen, List<DeviceEvent> events)
    {
        lock (_gate)
        {
            _dirty.UnionWith(dirty);
            _seen.UnionWith(seen);
            events.AddRange(_events);
            _events = events;
        }
    }
}
