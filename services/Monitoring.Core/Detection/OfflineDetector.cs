using Monitoring.Core.Devices;

namespace Monitoring.Core.Detection;

/// <summary>
/// Decides when a device is offline by silence: no heartbeat for its interval × <see cref="DetectionOptions.MissedHeartbeats"/>,
/// counted from its last heartbeat or from the moment the monitor could see again, whichever is later.
/// </summary>
public sealed class OfflineDetector
{
    private readonly DetectionOptions _options;

    public OfflineDetector(DetectionOptions options) => _options = options;

    public TimeSpan TimeoutOf(DeviceRecord device) =>
        (device.IntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : _options.DefaultInterval) * _options.MissedHeartbeats;

    /// <summary>The moment silence makes the device offline; null while it cannot be judged (not online, or the monitor is blind).</summary>
    public DateTimeOffset? SilenceDeadline(DeviceRecord device, bool sightConnected, DateTimeOffset sightSince)
    {
        if (device.State != DeviceState.Online || !sightConnected || device.LastSeen is not { } lastSeen)
        {
            return null;
        }

        var from = lastSeen > sightSince ? lastSeen : sightSince;
        return from + TimeoutOf(device);
    }

    public bool IsSilent(DeviceRecord device, DateTimeOffset now, bool sightConnected, DateTimeOffset sightSince) =>
        SilenceDeadline(device, sightConnected, sightSince) is { } deadline && now >= deadline;
}
