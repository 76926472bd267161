using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// When more than StormFraction of a tenant's devices that were online (a tenant of at least StormMinDevices) fall
/// silent within StormWindow, the monitor suspects its own pipeline or the broker rather than the devices. "Within" is
/// measured between the moments they were last heard, allowing each device one heartbeat interval more: devices that
/// stopped at one moment were last heard up to one interval apart, by the phase of their heartbeats. While silent and late devices together pass the threshold, a storm may be building, and
/// the tenant's cases wait.
/// </summary>
internal sealed class StormGuard(DetectionOptions options, OfflineDetector detector)
{
    public enum Verdict
    {
        Calm,
        Building,
        Storm,
    }

    public (Verdict Verdict, List<DeviceRecord> Silent) Judge(LiveFleet fleet, TenantPicture picture, DateTimeOffset now)
    {
        var silent = new List<DeviceRecord>();
        if (fleet.SizeOf(picture.Tenant) < options.StormMinDevices)
        {
            return (Verdict.Calm, silent);
        }

        // Devices that stopped recently enough for the slowest of them to be judged only now; of those, the largest group
        // that stopped within StormWindow (plus the longest heartbeat interval among them) of each other.
        var bySilence = picture.Down.Where(d => d.State == DeviceState.Unreachable || d.DownCause == DownCause.Silence).ToList();
        if (bySilence.Count == 0)
        {
            return (Verdict.Calm, silent);
        }

        var longestTimeout = bySilence.Max(detector.TimeoutOf);
        var longestInterval = bySilence.Max(detector.IntervalOf);
        var recent = bySilence
            .Where(d => now - Stopped(d, now) <= options.StormWindow + longestTimeout + longestInterval)
            .OrderBy(d => Stopped(d, now))
            .ToList();
        var width = options.StormWindow + longestInterval;
        int best = 0, bestFrom = 0;
        for (int from = 0, to = 0; to < recent.Count; to++)
        {
            while (Stopped(recent[to], now) - Stopped(recent[from], now) > width)
            {
                from++;
            }

            if (to - from + 1 > best)
            {
                (best, bestFrom) = (to - from + 1, from);
            }
        }

        var together = recent.GetRange(bestFrom, best).Select(d => d.Key).ToHashSet();
        foreach (var device in bySilence)
        {
            // After the monitor's own blindness (a restart) devices last heard long ago are judged together instead.
            var judgedTogether = now - (device.StateSince ?? now) <= options.StormWindow + detector.IntervalOf(device);
            if (together.Contains(device.Key) || judgedTogether)
            {
                silent.Add(device);
            }
        }

        var wereOnline = fleet.CountIn(picture.Tenant, DeviceState.Online) + silent.Count;
        var threshold = options.StormFraction * wereOnline;
        if (silent.Count > threshold)
        {
            return (Verdict.Storm, silent);
        }

        return (silent.Count + picture.Late.Count > threshold ? Verdict.Building : Verdict.Calm, silent);
    }

    private static DateTimeOffset Stopped(DeviceRecord device, DateTimeOffset now) => device.OutageStartedAt ?? device.StateSince ?? now;

    /// <summary>Whether the tenant is still out of sight: more than StormFraction of its devices down.</summary>
    public bool StillHolds(LiveFleet fleet, string tenant)
    {
        var size = fleet.SizeOf(tenant);
        var down = fleet.CountIn(tenant, DeviceState.Offline) + fleet.CountIn(tenant, DeviceState.Unreachable);
        return size > 0 && down > options.StormFraction * size;
    }
}
