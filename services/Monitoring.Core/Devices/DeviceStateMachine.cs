using Monitoring.Core.Protocol;

namespace Monitoring.Core.Devices;

/// <summary>
/// The device state machine: <c>unknown → online → offline → online</c>. Pure: given a record and an
/// observation it returns the next record and the timeline entry a state change leaves.
/// </summary>
public sealed class DeviceStateMachine
{
    private const int MaxTransitions = 32;
    private readonly TimeSpan _confirmAfter;
    private readonly TimeSpan _flapWindow;

    public DeviceStateMachine(TimeSpan confirmAfter)
        : this(confirmAfter, TimeSpan.FromMinutes(15))
    {
    }

    /// <param name="confirmAfter">How long a drop lasts before it is more than a blip.</param>
    /// <param name="flapWindow">How far back a device's changes between online and offline are remembered.</param>
    public DeviceStateMachine(TimeSpan confirmAfter, TimeSpan flapWindow)
    {
        _confirmAfter = confirmAfter;
        _flapWindow = flapWindow;
    }

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
            LastRebootAt = heartbeat.UptimeSeconds is { } up && current.UptimeSeconds is { } before && up < before
                ? receivedAt - TimeSpan.FromSeconds(up)
                : current.LastRebootAt,
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
            false when current.State == DeviceState.Offline => Unchanged(current, next),
            false => BecomeOffline(next, DownCause.ReportedByGateway, current.LastSeen ?? receivedAt, receivedAt, $"reported offline by gateway {gateway.Id}"),
            null => Unchanged(current, next),
        };
    }

    /// <summary>
    /// The device's gateway is down: an online or silent child cannot be judged, so it is unreachable, down since its
    /// last sign of life. A child already offline on its own stays offline.
    /// </summary>
    public static DeviceChange OnGatewayDown(DeviceRecord current, DeviceRecord gateway, DateTimeOffset at)
    {
        if (current.State is DeviceState.Unreachable or DeviceState.Offline or DeviceState.Unknown)
        {
            return new DeviceChange(current, null);
        }

        var unreachable = current with
        {
            State = DeviceState.Unreachable,
            StateSince = at,
            OutageStartedAt = current.LastSeen ?? at,
            DownCause = Devices.DownCause.GatewayDown,
        };
        return new DeviceChange(unreachable, new DeviceEvent(current.Tenant, current.Id, at, DeviceEvent.WentUnreachable, $"unreachable: its gateway {gateway.Id} is down"));
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
            return Unchanged(current, next);
        }

        var online = next with
        {
            State = DeviceState.Online,
            StateSince = at,
            OutageStartedAt = null,
            DownCause = null,
            Transitions = current.State == DeviceState.Offline ? Remember(current.Transitions, at) : current.Transitions,
        };
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

    private DeviceChange BecomeOffline(DeviceRecord current, DownCause cause, DateTimeOffset lastUp, DateTimeOffset at, string detail)
    {
        var offline = current with
        {
            State = DeviceState.Offline,
            StateSince = at,
            OutageStartedAt = current.State == DeviceState.Unreachable ? current.OutageStartedAt ?? lastUp : lastUp,
            DownCause = cause,
            Transitions = current.State == DeviceState.Online ? Remember(current.Transitions, at) : current.Transitions,
        };
        return new DeviceChange(offline, new DeviceEvent(current.Tenant, current.Id, at, DeviceEvent.WentOffline, detail));
    }

    /// <summary>No change of state: the record moved, and may have moved only its signs of life.</summary>
    private static DeviceChange Unchanged(DeviceRecord current, DeviceRecord next) => new(next, null, current.MovesOnlySignsOfLife(next));

    /// <summary>Adds a change, forgetting those more than a flap window older than it.</summary>
    private IReadOnlyList<DateTimeOffset> Remember(IReadOnlyList<DateTimeOffset> transitions, DateTimeOffset at)
    {
        var kept = new List<DateTimeOffset>(Math.Min(transitions.Count + 1, MaxTransitions));
        var from = Math.Max(0, transitions.Count + 1 - MaxTransitions);
        for (var i = from; i < transitions.Count; i++)
        {
            if (at - transitions[i] <= _flapWindow)
            {
                kept.Add(transitions[i]);
            }
        }

        kept.Add(at);
        return kept;
    }
}
