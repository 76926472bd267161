using Monitoring.Core.Devices;

namespace Monitoring.Core.Detection;

/// <summary>
/// The state half of a detection pass: every due device is judged, and the changes are applied to the live fleet.
/// A silent device is offline, unless its gateway is down: then it is unreachable, and so is every online child of a
/// gateway that went down. An unreachable child whose gateway is back but no longer reports it is silent on its own.
/// </summary>
public sealed class ReachabilitySweep
{
    private readonly OfflineDetector _detector;
    private readonly DeviceStateMachine _machine;

    public ReachabilitySweep(DetectionOptions options)
    {
        _detector = new OfflineDetector(options);
        _machine = new DeviceStateMachine(options.ConfirmAfter, options.FlapWindow);
    }

    /// <summary>Judges the due devices at <paramref name="now"/>; returns the changes that took effect, in order.</summary>
    public List<DeviceChange> Apply(LiveFleet fleet, DateTimeOffset now, MonitorSight sight)
    {
        var applied = new List<DeviceChange>();
        var (connected, since) = sight.Current;
        var downGateways = new List<DeviceRecord>();
        foreach (var device in fleet.Due(now))
        {
            var current = device;
            if (connected && SilentBy(current, now, since) is { } deadline)
            {
                var gateway = ParentOf(fleet, current);
                // A gateway silent as long as its child is judged in this same pass: the child is behind it, not gone.
                var gatewayDown = gateway is not null && (gateway.State != DeviceState.Online || SilentBy(gateway, now, since) is not null);
                var change = gatewayDown
                    ? DeviceStateMachine.OnGatewayDown(current, gateway!, deadline)
                    : _machine.OnSilence(current, deadline);
                if (!ReferenceEquals(change.Device, current) && fleet.TryReplace(current, change.Device))
                {
                    applied.Add(change);
                    current = change.Device;
                }
            }

            if (current.Kind == DeviceKind.Gateway && current.State == DeviceState.Offline)
            {
                downGateways.Add(current);
            }
        }

        foreach (var gateway in downGateways)
        {
            foreach (var child in fleet.ChildrenOf(gateway.Tenant, gateway.Id))
            {
                if (child.State != DeviceState.Online)
                {
                    continue;
                }

                var change = fleet.Update(child.Key, (gateway, at: gateway.StateSince ?? now),
                    static (d, s) => DeviceStateMachine.OnGatewayDown(d, s.gateway, s.at), static k => DeviceStateMachine.NewDevice(k.Tenant, k.Id));
                if (change.Event is not null)
                {
                    applied.Add(change);
                }
            }
        }

        return applied;
    }

    /// <summary>
    /// The deadline that has passed for a device judged by silence: an online one, or an unreachable child whose gateway
    /// is reachable again. Null when it is not silent, or the monitor was blind.
    /// </summary>
    private DateTimeOffset? SilentBy(DeviceRecord device, DateTimeOffset now, DateTimeOffset sightSince)
    {
        var judged = device.State == DeviceState.Unreachable ? device with { State = DeviceState.Online } : device;
        return _detector.SilenceDeadline(judged, sightConnected: true, sightSince) is { } deadline && now >= deadline ? deadline : null;
    }

    private static DeviceRecord? ParentOf(LiveFleet fleet, DeviceRecord device) =>
        device.Parent is { } parent ? fleet.Find(new DeviceKey(device.Tenant, parent)) : null;
}
