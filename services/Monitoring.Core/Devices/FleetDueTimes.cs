using Monitoring.Core.Detection;

namespace Monitoring.Core.Devices;

/// <summary>
/// When the detector must next look at a device, in UTC ticks: an online device at its silence deadline (before any
/// grace for the monitor's own blindness, which only ever moves it later), a down device at every pass, a device
/// never heard from never.
/// </summary>
internal sealed class FleetDueTimes(DetectionOptions options)
{
    private readonly OfflineDetector _detector = new(options);

    public long Of(DeviceRecord device) => device.State switch
    {
        DeviceState.Online when device.LastSeen is { } lastSeen => (lastSeen + _detector.TimeoutOf(device)).UtcTicks,
        DeviceState.Offline or DeviceState.Unreachable => long.MinValue,
        _ => long.MaxValue,
    };
}
