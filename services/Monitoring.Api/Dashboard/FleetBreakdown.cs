using Microsoft.Extensions.Options;
using Monitoring.Core.Cases;
using Monitoring.Core.Devices;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// A tenant's devices grouped by site, model and firmware with their states, each gateway's children, and its active
/// cases by severity: what the overview colours, ranks and counts, computed from one walk over the device and case
/// stores and kept for <see cref="DashboardOptions.BreakdownInterval"/>, so many open dashboards on a 100 k-device fleet
/// cost one walk per interval.
/// </summary>
internal sealed class FleetBreakdown(IDeviceStore devices, ICaseStore cases, TimeProvider time, IOptions<DashboardOptions> options)
{
    private const int PageSize = 1000;
    private readonly Dictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// The tenant's latest snapshot. One older than <see cref="DashboardOptions.BreakdownInterval"/> is still answered
    /// at once while a fresh walk runs in the background; only a tenant's first call waits for its walk.
    /// </summary>
    public Task<FleetSnapshot> SnapshotAsync(string tenant)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_cache.TryGetValue(tenant, out var cached))
            {
                if (cached.Refresh is null && cached.Current.IsCompleted && now - cached.At >= options.Value.BreakdownInterval)
                {
                    var refresh = WalkAsync(tenant);
                    _cache[tenant] = cached = cached with { Refresh = refresh };
                    _ = refresh.ContinueWith(done => Completed(tenant, done), TaskScheduler.Default);
                }

                if (cached.Current.IsCompletedSuccessfully || cached.Refresh is null)
                {
                    return cached.Current;
                }

                return cached.Refresh;
            }

            if (_cache.Count > 1000)
            {
                _cache.Clear();
            }

            var first = WalkAsync(tenant);
            _cache[tenant] = new Entry(now, first, null);
            _ = first.ContinueWith(done => { if (!done.IsCompletedSuccessfully) Forget(tenant, done); }, TaskScheduler.Default);
            return first;
        }
    }

    private void Completed(string tenant, Task<FleetSnapshot> refresh)
    {
        lock (_lock)
        {
            if (_cache.TryGetValue(tenant, out var entry) && entry.Refresh == refresh)
            {
                _cache[tenant] = refresh.IsCompletedSuccessfully ? new Entry(time.GetUtcNow(), refresh, null) : entry with { Refresh = null };
            }
        }
    }

    private void Forget(string tenant, Task<FleetSnapshot> failed)
    {
        lock (_lock)
        {
            if (_cache.TryGetValue(tenant, out var entry) && entry.Current == failed)
            {
                _cache.Remove(tenant);
            }
        }
    }

    private sealed record Entry(DateTimeOffset At, Task<FleetSnapshot> Current, Task<FleetSnapshot>? Refresh);

    private async Task<FleetSnapshot> WalkAsync(string tenant)
    {
        var sites = new Dictionary<string, StateCounts>(StringComparer.Ordinal);
        var models = new Dictionary<string, StateCounts>(StringComparer.Ordinal);
        var firmware = new Dictionary<string, StateCounts>(StringComparer.Ordinal);
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            // The walk serves every caller of this interval, so one caller going away does not cancel it.
            var page = await devices.ListAsync(new DeviceQuery(tenant, null, null, null, null, PageSize, cursor), CancellationToken.None);
            foreach (var device in page.Items)
            {
                Count(sites, device.Site, null, device.State);
                Count(models, device.Model, null, device.State);
                Count(firmware, device.Model, device.Firmware, device.State);
                if (device.Parent is { } parent)
                {
                    if (!children.TryGetValue(parent, out var list))
                    {
                        children[parent] = list = [];
                    }

                    list.Add(device.Id);
                }
            }

            cursor = page.Next;
        }
        while (cursor is not null);
        return new FleetSnapshot(time.GetUtcNow(), sites, models, firmware, children, await ActiveBySeverityAsync(tenant));
    }

    private async Task<IReadOnlyDictionary<string, int>> ActiveBySeverityAsync(string tenant)
    {
        var bySeverity = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var status in new[] { CaseStatus.Open, CaseStatus.Acknowledged })
        {
            string? cursor = null;
            do
            {
                var page = await cases.ListAsync(new CaseQuery(tenant, status, null, null, null, PageSize, cursor), CancellationToken.None);
                foreach (var found in page.Items)
                {
                    bySeverity[found.Severity] = bySeverity.GetValueOrDefault(found.Severity) + 1;
                }

                cursor = page.Next;
            }
            while (cursor is not null);
        }

        return bySeverity;
    }

    private static void Count(Dictionary<string, StateCounts> groups, string? name, string? firmware, DeviceState state)
    {
        // Identifiers hold no control characters, so this separator keeps (model, firmware) pairs apart.
        var key = $"{name}\u0001{firmware}";
        if (!groups.TryGetValue(key, out var counts))
        {
            groups[key] = counts = new StateCounts(name, firmware);
        }

        counts.Add(state);
    }
}
