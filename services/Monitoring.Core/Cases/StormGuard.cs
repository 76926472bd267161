using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// When more than StormFraction of a tenant's devices that were online (a tenant of at least StormMinDevices) fall
/// silent within StormWindow, the monitor suspects its own pipeline or the broker rather than the devices. Each device is
/// allowed one heartbeat interval more, because devices that stopped at one moment are judged one interval apart, by the
/// phase of their heartbeats. While silent and late devices together pass the threshold, a storm may be building, and
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

        foreach (var device in picture.Down)
        {
            var bySilence = device.State == DeviceState.Unreachable || device.DownCause == DownCause.Silence;
            if (bySilence && now - (device.StateSince ?? now) <= options.StormWindow + detector.IntervalOf(device))
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
