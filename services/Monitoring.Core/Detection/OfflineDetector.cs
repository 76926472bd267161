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

    public TimeSpan IntervalOf(DeviceRecord device) =>
        device.IntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : _options.DefaultInterval;

    public TimeSpan TimeoutOf(DeviceRecord device) => IntervalOf(device) * _options.MissedHeartbeats;

    /// <summary>How long after its last heartbeat a device is late: its next one is half an interval overdue (never after its timeout).</summary>
    public TimeSpan LateAfterOf(DeviceRecord device) => IntervalOf(device) * Math.Min(1.5, _options.MissedHeartbeats);

    /// <summary>An online device whose next heartbeat is overdue but which is not yet judged silent.</summary>
    public bool IsLate(DeviceRecord device, DateTimeOffset now) =>
        device.State == DeviceState.Online && device.LastSeen is { } lastSeen && now - lastSeen >= LateAfterOf(device);

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
