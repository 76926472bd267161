using System.Collections.Concurrent;

namespace Monitoring.Core.Devices;

/// <summary>
/// The groupings correlation asks about, kept as records change: the children of each gateway, the devices of each
/// site that reach the broker themselves, the size of each model + firmware cohort, and each tenant's devices by state.
/// </summary>
/// <remarks>
/// Every successful swap of a record applies the difference between the record it replaced and the new one. Membership
/// is counted rather than set, so two writers' differences applied in either order leave the same result.
/// </remarks>
internal sealed class FleetGroups
{
    private readonly ConcurrentDictionary<GroupKey, Members> _members = new();
    private readonly ConcurrentDictionary<string, long[]> _tenants = new(StringComparer.Ordinal);
    private readonly int _states = Enum.GetValues<DeviceState>().Length;

    public void Added(int at, DeviceRecord record)
    {
        Tally(record.Tenant, record.State, +1);
        foreach (var key in KeysOf(record))
        {
            _members.GetOrAdd(key, static _ => new Members()).Change(at, +1);
        }
    }

    public void Swapped(int at, DeviceRecord before, DeviceRecord after)
    {
        if (before.State != after.State)
        {
            Tally(before.Tenant, before.State, -1);
            Tally(after.Tenant, after.State, +1);
        }

        if (SameGroups(before, after))
        {
            return;
        }

        foreach (var key in KeysOf(before))
        {
            _members.GetOrAdd(key, static _ => new Members()).Change(at, -1);
        }

        foreach (var key in KeysOf(after))
        {
            _members.GetOrAdd(key, static _ => new Members()).Change(at, +1);
        }
    }

    public int[] IndexesOf(GroupKey key) => _members.TryGetValue(key, out var members) ? members.Snapshot() : [];

    public int SizeOf(GroupKey key) => _members.TryGetValue(key, out var members) ? members.Count : 0;

    public long CountIn(string tenant, DeviceState state) =>
        _tenants.TryGetValue(tenant, out var tally) ? Volatile.Read(ref tally[(int)state]) : 0;

    public IEnumerable<string> Tenants => _tenants.Keys;

    private void Tally(string tenant, DeviceState state, int delta)
    {
        var tally = _tenants.GetOrAdd(tenant, _ => new long[_states]);
        Interlocked.Add(ref tally[(int)state], delta);
    }

    private static bool SameGroups(DeviceRecord a, DeviceRecord b) =>
        a.Parent == b.Parent && a.Site == b.Site && a.Model == b.Model && a.Firmware == b.Firmware;

    private static IEnumerable<GroupKey> KeysOf(DeviceRecord d)
    {
        if (d.Parent is { } parent)
        {
            yield return GroupKey.Children(d.Tenant, parent);
        }
        else if (d.Site is { } site)
        {
            yield return GroupKey.SiteDirect(d.Tenant, site);
        }

        if (d.Model is { } model && d.Firmware is { } firmware)
        {
            yield return GroupKey.Cohort(d.Tenant, model, firmware);
        }
    }

    private sealed class Members
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<int, int> _counts = [];
        private int _present;

        public int Count => Volatile.Read(ref _present);

        public void Change(int at, int delta)
        {
            lock (_gate)
            {
                _counts.TryGetValue(at, out var before);
                var after = before + delta;
                if (after == 0)
                {
                    _counts.Remove(at);
                }
                else
                {
                    _counts[at] = after;
                }

                _present += (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
            }
        }

        public int[] Snapshot()
        {
            lock (_gate)
            {
                var present = new List<int>(_counts.Count);
                foreach (var (at, count) in _counts)
                {
                    if (count > 0)
                    {
                        present.Add(at);
                    }
                }

                return [.. present];
            }
        }
    }
}

/// <summary>A grouping of a tenant's devices: a gateway's children, a site's directly connected devices, or a cohort.</summary>
internal readonly record struct GroupKey(byte Kind, string Tenant, string Name, string? Detail)
{
    public static GroupKey Children(string tenant, string gateway) => new(1, tenant, gateway, null);

    public static GroupKey SiteDirect(string tenant, string site) => new(2, tenant, site, null);

    public static GroupKey Cohort(string tenant, string model, string firmware) => new(3, tenant, model, firmware);
}
