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

        // Devices that stopped recently enough to be judged now, then those that stopped together with the latest of them.
        var recent = new HashSet<DeviceKey>();
        var latest = DateTimeOffset.MinValue;
        foreach (var device in picture.Down)
        {
            var bySilence = device.State == DeviceState.Unreachable || device.DownCause == DownCause.Silence;
            var stopped = device.OutageStartedAt ?? device.StateSince ?? now;
            if (bySilence && now - stopped <= options.StormWindow + detector.TimeoutOf(device) + detector.IntervalOf(device))
            {
                recent.Add(device.Key);
                latest = stopped > latest ? stopped : latest;
            }
        }

        foreach (var device in picture.Down)
        {
            var bySilence = device.State == DeviceState.Unreachable || device.DownCause == DownCause.Silence;
            var stoppedTogether = recent.Contains(device.Key)
                && latest - (device.OutageStartedAt ?? device.StateSince ?? now) <= options.StormWindow + detector.IntervalOf(device);
            // After the monitor's own blindness (a restart) devices last heard long ago are judged together instead.
            var judgedTogether = bySilence && now - (device.StateSince ?? now) <= options.StormWindow + detector.IntervalOf(device);
            if (stoppedTogether || judgedTogether)
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

    /// <summary>Whether the tenant is still out of sight: more than StormFraction of its devices down.</summary>
    public bool StillHolds(LiveFleet fleet, string tenant)
    {
        var size = fleet.SizeOf(tenant);
        var down = fleet.CountIn(tenant, DeviceState.Offline) + fleet.CountIn(tenant, DeviceState.Unreachable);
        return size > 0 && down > options.StormFraction * size;
    }
}
