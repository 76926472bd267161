using Monitoring.Core.Protocol;

namespace Monitoring.Core.Devices;

/// <summary>
/// The device state machine: <c>unknown → online → offline → online</c>. Pure: given a record and an
/// observation it returns the next record and the timeline entry a state change leaves.
/// </summary>
public sealed class DeviceStateMachine
{
    private readonly TimeSpan _confirmAfter;

    public DeviceStateMachine(TimeSpan confirmAfter) => _confirmAfter = confirmAfter;

    public static DeviceRecord NewDevice(string tenant, string id) => new() { Tenant = tenant, Id = id };

    public DeviceChange OnHeartbeat(DeviceRecord current, Heartbeat heartbeat, DateTimeOffset receivedAt)
    {
        var next = current with
        {
            Kind = heartbeat.Kind ?? (heartbeat.Children.Count > 0 ? DeviceKind.Gateway : current.Kind),
            IntervalSeconds = heartbeat.IntervalSeconds ?? current.IntervalSeconds,
            Model = heartbeat.Model ?? current.Model,
            Firmware = heartbeat.Firmware ?? current.Firmware,
            Site = heartbeat.Site ?? current.Site,
            Customer = heartbeat.Customer ?? current.Customer,
            UptimeSeconds = heartbeat.UptimeSeconds ?? current.UptimeSeconds,
            Metrics = heartbeat.Metrics.Count > 0 ? heartbeat.Metrics : current.Metrics,
            LastSeen = receivedAt,
        };
        return BecomeOnline(current, next, receivedAt, "heartbeat");
    }

    /// <summary>A <c>status</c> message. A retained <c>online</c> is the broker's memory, not a sign of life now, so it changes nothing.</summary>
    public DeviceChange OnStatus(DeviceRecord current, StatusReport status, bool retained, DateTimeOffset receivedAt)
    {
        if (status.Online)
        {
            return retained ? new DeviceChange(current, null) : BecomeOnline(current, current with { LastSeen = receivedAt }, receivedAt, "online status");
        }

        // Already down (by silence too): the outage began at its last heartbeat, not when its Last Will arrived.
        if (current.State == DeviceState.Offline)
        {
            return new DeviceChange(current, null);
        }

        // A retained offline replayed on subscribe does not tell when the device left; its last heartbeat is the best bound.
        var lastUp = retained ? current.LastSeen ?? receivedAt : receivedAt;
        return BecomeOffline(current, DownCause.StatusOffline, lastUp, receivedAt, retained
            ? "offline status (retained Last Will)"
            : "offline status: the connection closed without goodbye (MQTT Last Will) or the device said so");
    }

    /// <summary>What a gateway's heartbeat says of one of its children.</summary>
    public DeviceChange OnChildReport(DeviceRecord current, DeviceRecord gateway, ChildReport report, DateTimeOffset receivedAt)
    {
        var next = current with
        {
            Parent = gateway.Id,
            Site = current.Site ?? gateway.Site,
            Customer = current.Customer ?? gateway.Customer,
            IntervalSeconds = current.IntervalSeconds ?? gateway.IntervalSeconds,
            Metrics = report.Metrics.Count > 0 ? report.Metrics : current.Metrics,
        };
        return report.Online switch
        {
            true => BecomeOnline(current, next with { LastSeen = receivedAt }, receivedAt, $"reported online by gateway {gateway.Id}"),
            false when current.State == DeviceState.Offline => new DeviceChange(next, null),
            false => BecomeOffline(next, DownCause.ReportedByGateway, current.LastSeen ?? receivedAt, receivedAt, $"reported offline by gateway {gateway.Id}"),
            null => new DeviceChange(next, null),
        };
    }

    /// <summary>The detector found no heartbeat by <paramref name="deadline"/>: the device has been down since its last heartbeat.</summary>
    public DeviceChange OnSilence(DeviceRecord current, DateTimeOffset deadline)
    {
        var silentFor = deadline - (current.LastSeen ?? deadline);
        return BecomeOffline(current, DownCause.Silence, current.LastSeen ?? deadline, deadline,
            $"no heartbeat for {silentFor.TotalSeconds:0} s");
    }

    private DeviceChange BecomeOnline(DeviceRecord current, DeviceRecord next, DateTimeOffset at, string how)
    {
        if (current.State == DeviceState.Online)
        {
            return new DeviceChange(next, null);
        }

        var online = next with { State = DeviceState.Online, StateSince = at, OutageStartedAt = null, DownCause = null };
        if (current.State is DeviceState.Offline or DeviceState.Unreachable && current.OutageStartedAt is { } downSince)
        {
            var down = at - downSince;
            var wasBlip = current.StateSince is { } judgedAt && at - judgedAt < _confirmAfter;
            return new DeviceChange(online, new DeviceEvent(current.Tenant, current.Id, at,
                wasBlip ? DeviceEvent.Blip : DeviceEvent.WentOnline,
                wasBlip ? $"back after {down.TotalSeconds:0} s ({how}), before a case was due" : $"back online after {down.TotalSeconds:0} s ({how})"));
        }

        return new DeviceChange(online, new DeviceEvent(current.Tenant, current.Id, at, DeviceEvent.FirstSeen, $"first seen ({how})"));
    }

    private static DeviceChange BecomeOffline(DeviceRecord current, DownCause cause, DateTimeOffset lastUp, DateTimeOffset at, string detail)
    {
        var offline = current with { State = DeviceState.Offline, StateSince = at, OutageStartedAt = lastUp, DownCause = cause };
        return new DeviceChange(offline, new DeviceEvent(current.Tenant, current.Id, at, DeviceEvent.WentOffline, detail));
    }
}
