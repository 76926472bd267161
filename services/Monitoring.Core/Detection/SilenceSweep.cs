using Monitoring.Core.Devices;

namespace Monitoring.Core.Detection;

/// <summary>One pass over the fleet: every online device whose silence deadline has passed, with the change that makes it offline.</summary>
public sealed class SilenceSweep
{
    private readonly OfflineDetector _detector;
    private readonly DeviceStateMachine _machine;

    public SilenceSweep(DetectionOptions options)
    {
        _detector = new OfflineDetector(options);
        _machine = new DeviceStateMachine(options.ConfirmAfter);
    }

    public List<(DeviceRecord Before, DeviceChange Change)> Run(IEnumerable<DeviceRecord> fleet, DateTimeOffset now, MonitorSight sight)
    {
        var (connected, since) = sight.Current;
        var silent = new List<(DeviceRecord, DeviceChange)>();
        if (!connected)
        {
            return silent;
        }

        foreach (var device in fleet)
        {
            if (_detector.SilenceDeadline(device, connected, since) is { } deadline && now >= deadline)
            {
                silent.Add((device, _machine.OnSilence(device, deadline)));
            }
        }

        return silent;
    }
}
