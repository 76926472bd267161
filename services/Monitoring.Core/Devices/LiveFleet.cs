using System.Collections.Concurrent;

namespace Monitoring.Core.Devices;

/// <summary>
/// Every known device's latest record, held in memory so a heartbeat costs no database round trip.
/// Writers swap whole records with compare-and-swap: a heartbeat and a detector racing on one device never lose either change.
/// </summary>
public sealed class LiveFleet
{
    private readonly ConcurrentDictionary<DeviceKey, Slot> _devices;
    private readonly ConcurrentDictionary<DeviceKey, Slot>.AlternateLookup<DeviceKeySpan> _bySpan;

    public LiveFleet()
    {
        _devices = new ConcurrentDictionary<DeviceKey, Slot>(DeviceKeyComparer.Instance);
        _bySpan = _devices.GetAlternateLookup<DeviceKeySpan>();
    }

    public int Count => _devices.Count;

    public DeviceRecord? Find(DeviceKey key) => _devices.TryGetValue(key, out var slot) ? slot.Current : null;

    /// <summary>The key of a known device, held by the fleet, found from text without allocating; or a new key for an unknown one.</summary>
    public DeviceKey KeyOf(DeviceKeySpan key) => _bySpan.TryGetValue(key, out var existing, out _) ? existing : DeviceKeyComparer.Instance.Create(key);

    public IEnumerable<DeviceRecord> All()
    {
        foreach (var pair in _devices)
        {
            yield return pair.Value.Current;
        }
    }

    /// <summary>Loads a record read from the store, replacing what is held.</summary>
    public void Load(DeviceRecord device) => _devices[device.Key] = new Slot(device);

    /// <summary>
    /// Applies <paramref name="change"/> to the device's latest record (a new device starts from <paramref name="create"/>),
    /// retrying on the newer record if another writer won the race.
    /// </summary>
    public DeviceChange Update<TState>(DeviceKey key, TState state, Func<DeviceRecord, TState, DeviceChange> change, Func<DeviceKey, DeviceRecord> create)
    {
        var slot = _devices.GetOrAdd(key, static (k, c) => new Slot(c(k)), create);
        while (true)
        {
            var current = slot.Current;
            var result = change(current, state);
            if (ReferenceEquals(result.Device, current) || slot.TrySwap(current, result.Device))
            {
                return result;
            }
        }
    }

    /// <summary>Replaces <paramref name="expected"/> with <paramref name="next"/> only if nothing changed it meanwhile.</summary>
    public bool TryReplace(DeviceRecord expected, DeviceRecord next) =>
        _devices.TryGetValue(expected.Key, out var slot) && slot.TrySwap(expected, next);

    private sealed class Slot(DeviceRecord initial)
    {
        private DeviceRecord _current = initial;

        public DeviceRecord Current => Volatile.Read(ref _current);

        public bool TrySwap(DeviceRecord expected, DeviceRecord next) =>
            ReferenceEquals(Interlocked.CompareExchange(ref _current, next, expected), expected);
    }
}
