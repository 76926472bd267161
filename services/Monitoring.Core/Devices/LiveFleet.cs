using System.Collections.Concurrent;
using Monitoring.Core.Detection;

namespace Monitoring.Core.Devices;

/// <summary>
/// Every known device's latest record, held in memory so a heartbeat costs no database round trip.
/// Writers swap whole records with compare-and-swap: a heartbeat and a detector racing on one device never lose either change.
/// </summary>
/// <remarks>
/// Records sit in dense chunks beside each device's due time (when the detector must look at it next), so a detection
/// pass reads a flat array of numbers instead of a million records, and counts per state are kept as records change.
/// </remarks>
public sealed class LiveFleet
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private readonly ConcurrentDictionary<DeviceKey, int> _index;
    private readonly ConcurrentDictionary<DeviceKey, int>.AlternateLookup<DeviceKeySpan> _bySpan;
    private readonly FleetDueTimes _due;
    private readonly FleetGroups _groups = new();
    private readonly long[] _byState = new long[Enum.GetValues<DeviceState>().Length];
    private readonly Lock _growing = new();
    private volatile Chunk[] _chunks = [];
    private volatile int _count;

    public LiveFleet()
        : this(new DetectionOptions())
    {
    }

    public LiveFleet(DetectionOptions options)
    {
        _index = new ConcurrentDictionary<DeviceKey, int>(DeviceKeyComparer.Instance);
        _bySpan = _index.GetAlternateLookup<DeviceKeySpan>();
        _due = new FleetDueTimes(options);
    }

    public int Count => _count;

    public DeviceRecord? Find(DeviceKey key) => _index.TryGetValue(key, out var at) ? Read(at) : null;

    /// <summary>The key of a known device, held by the fleet, found from text without allocating; or a new key for an unknown one.</summary>
    public DeviceKey KeyOf(DeviceKeySpan key) => _bySpan.TryGetValue(key, out var existing, out _) ? existing : DeviceKeyComparer.Instance.Create(key);

    public IEnumerable<DeviceRecord> All()
    {
        var chunks = _chunks;
        var count = _count;
        for (var at = 0; at < count; at++)
        {
            yield return Volatile.Read(ref chunks[at >> ChunkBits].Records[at & ChunkMask])!;
        }
    }

    /// <summary>
    /// The devices a detection pass must look at by <paramref name="now"/>: every online device whose silence deadline
    /// (before any grace for the monitor's own blindness) has passed, and every device that is down.
    /// </summary>
    public List<DeviceRecord> Due(DateTimeOffset now)
    {
        var due = new List<DeviceRecord>();
        var nowTicks = now.UtcTicks;
        var chunks = _chunks;
        var count = _count;
        for (var c = 0; c * ChunkSize < count; c++)
        {
            var chunk = chunks[c];
            var length = Math.Min(ChunkSize, count - c * ChunkSize);
            var times = chunk.DueTicks.AsSpan(0, length);
            for (var i = 0; i < times.Length; i++)
            {
                if (times[i] <= nowTicks)
                {
                    due.Add(Volatile.Read(ref chunk.Records[i])!);
                }
            }
        }

        return due;
    }

    /// <summary>How many devices are in <paramref name="state"/>, over all tenants.</summary>
    public long CountIn(DeviceState state) => Volatile.Read(ref _byState[(int)state]);

    /// <summary>How many of a tenant's devices are in <paramref name="state"/>.</summary>
    public long CountIn(string tenant, DeviceState state) => _groups.CountIn(tenant, state);

    /// <summary>How many devices a tenant has.</summary>
    public long SizeOf(string tenant)
    {
        long size = 0;
        foreach (var state in Enum.GetValues<DeviceState>())
        {
            size += _groups.CountIn(tenant, state);
        }

        return size;
    }

    /// <summary>The devices whose parent is <paramref name="gateway"/>.</summary>
    public List<DeviceRecord> ChildrenOf(string tenant, string gateway) => Records(_groups.IndexesOf(GroupKey.Children(tenant, gateway)));

    /// <summary>The devices of a site that reach the broker themselves: its gateways and the devices without a parent.</summary>
    public List<DeviceRecord> DirectDevicesOf(string tenant, string site) => Records(_groups.IndexesOf(GroupKey.SiteDirect(tenant, site)));

    /// <summary>How many of a tenant's devices share one model and firmware.</summary>
    public int CohortSize(string tenant, string model, string firmware) => _groups.SizeOf(GroupKey.Cohort(tenant, model, firmware));

    /// <summary>Loads a record read from the store, replacing what is held.</summary>
    public void Load(DeviceRecord device)
    {
        var at = IndexOf(device.Key, device, static (_, d) => d);
        while (true)
        {
            var current = Read(at);
            if (ReferenceEquals(current, device) || TrySwap(at, current, device))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the device's latest record (a new device starts from <paramref name="create"/>),
    /// retrying on the newer record if another writer won the race.
    /// </summary>
    public DeviceChange Update<TState>(DeviceKey key, TState state, Func<DeviceRecord, TState, DeviceChange> change, Func<DeviceKey, DeviceRecord> create)
    {
        var at = IndexOf(key, create, static (k, c) => c(k));
        while (true)
        {
            var current = Read(at);
            var result = change(current, state);
            if (ReferenceEquals(result.Device, current) || TrySwap(at, current, result.Device))
            {
                return result;
            }
        }
    }

    /// <summary>Replaces <paramref name="expected"/> with <paramref name="next"/> only if nothing changed it meanwhile.</summary>
    public bool TryReplace(DeviceRecord expected, DeviceRecord next) =>
        _index.TryGetValue(expected.Key, out var at) && TrySwap(at, expected, next);

    private List<DeviceRecord> Records(int[] indexes)
    {
        var records = new List<DeviceRecord>(indexes.Length);
        foreach (var at in indexes)
        {
            records.Add(Read(at));
        }

        return records;
    }

    private DeviceRecord Read(int at) => Volatile.Read(ref _chunks[at >> ChunkBits].Records[at & ChunkMask])!;

    private bool TrySwap(int at, DeviceRecord expected, DeviceRecord next)
    {
        var chunk = _chunks[at >> ChunkBits];
        ref var slot = ref chunk.Records[at & ChunkMask];
        if (!ReferenceEquals(Interlocked.CompareExchange(ref slot, next, expected), expected))
        {
            return false;
        }

        if (expected.State != next.State)
        {
            Interlocked.Decrement(ref _byState[(int)expected.State]);
            Interlocked.Increment(ref _byState[(int)next.State]);
        }

        _groups.Swapped(at, expected, next);
        PublishDueTime(chunk, at & ChunkMask);
        return true;
    }

    /// <summary>
    /// Writes the due time of whatever record is current, then checks it is still current: of two writers racing on
    /// one device, the later one always leaves the due time of the latest record.
    /// </summary>
    private void PublishDueTime(Chunk chunk, int offset)
    {
        while (true)
        {
            var record = Volatile.Read(ref chunk.Records[offset])!;
            Volatile.Write(ref chunk.DueTicks[offset], _due.Of(record));
            if (ReferenceEquals(Volatile.Read(ref chunk.Records[offset]), record))
            {
                return;
            }
        }
    }

    private int IndexOf<TArg>(DeviceKey key, TArg arg, Func<DeviceKey, TArg, DeviceRecord> create)
    {
        if (_index.TryGetValue(key, out var at))
        {
            return at;
        }

        lock (_growing)
        {
            if (_index.TryGetValue(key, out at))
            {
                return at;
            }

            var record = create(key, arg);
            at = _count;
            var chunks = _chunks;
            if (at >> ChunkBits == chunks.Length)
            {
                chunks = [.. chunks, new Chunk()];
                _chunks = chunks;
            }

            var chunk = chunks[at >> ChunkBits];
            chunk.Records[at & ChunkMask] = record;
            chunk.DueTicks[at & ChunkMask] = _due.Of(record);
            Interlocked.Increment(ref _byState[(int)record.State]);
            _groups.Added(at, record);
            _index[key] = at;
            _count = at + 1;
            return at;
        }
    }

    private sealed class Chunk
    {
        public readonly DeviceRecord?[] Records = new DeviceRecord?[ChunkSize];
        public readonly long[] DueTicks = new long[ChunkSize];
    }
}
