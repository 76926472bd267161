using Monitoring.Core.Detection;

namespace Monitoring.Core.Devices;

/// <summary>
/// When the detector must next look at a device, in UTC ticks: an online device once it is late — half an interval
/// past its next heartbeat, or at its silence deadline if that comes first (before any grace for the monitor's own
/// blindness, which only ever moves it later) — so that correlation sees devices about to be judged silent; a down device
/// or one that changed often enough lately to be flapping at every pass; a device never heard from never.
/// </summary>
internal sealed class FleetDueTimes(DetectionOptions options)
{
    private readonly OfflineDetector _detector = new(options);

    public long Of(DeviceRecord device) => device.State switch
    {
        DeviceState.Online when device.Transitions.Count >= options.FlapTransitions => long.MinValue,
        DeviceState.Online when device.LastSeen is { } lastSeen => (lastSeen + _detector.LateAfterOf(device)).UtcTicks,
        DeviceState.Offline or DeviceState.Unreachable => long.MinValue,
        _ => long.MaxValue,
    };
}
