using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// What happens to an active case as its devices change: their returns and new drops go on its timeline, and it
/// resolves by itself (auto_recovered) — an outage once every impacted device has been online for RecoveryStable, a
/// flapping device once it has stayed online with no change for a whole FlapWindow, a fleet incident once no more than
/// StormFraction of the tenant is down.
/// </summary>
internal sealed class CaseFollowUp(DetectionOptions options, StormGuard storm, Func<string?, LinkThresholds> thresholds)
{
    /// <summary>The case as changed by what its devices did, or null when nothing changed.</summary>
    public SupportCase? Of(SupportCase active, LiveFleet fleet, IReadOnlyDictionary<DeviceKey, LinkVerdict> links, DateTimeOffset now) => active.Kind switch
    {
        CaseKind.Flapping => Flapping(active, fleet, now),
        CaseKind.FleetIncident => Incident(active, fleet, now),
        CaseKind.DegradedConnectivity => Degraded(active, fleet, links, now),
        _ => Outage(active, fleet, now),
    };

    /// <summary>A degraded link resolves once the medians over the latest whole window are all within bounds.</summary>
    private SupportCase? Degraded(SupportCase active, LiveFleet fleet, IReadOnlyDictionary<DeviceKey, LinkVerdict> links, DateTimeOffset now)
    {
        var key = new DeviceKey(active.Tenant, active.Subject.Id);
        if (fleet.Find(key) is not { State: DeviceState.Online } device)
        {
            return null;
        }

        if (links.TryGetValue(key, out var verdict) && !Breached(device, verdict))
        {
            return Resolve(active, $"link within bounds again over the last {options.DegradedWindow.TotalMinutes:0} min ({LinkText.Medians(verdict)})", now);
        }

        return null;
    }

    private bool Breached(DeviceRecord device, LinkVerdict verdict) =>
        thresholds(device.Model).Breached(verdict.RssiDbm, verdict.LossPct, verdict.LatencyMs);

    /// <summary>A group case that more devices have joined since it opened: they are added, and the timeline says so.</summary>
    public static SupportCase? Joined(SupportCase active, OutageGroup group, DateTimeOffset now)
    {
        var known = active.Devices.ToHashSet(StringComparer.Ordinal);
        var joined = group.Devices.Where(d => !known.Contains(d.Id)).Select(d => d.Id).ToList();
        if (joined.Count == 0)
        {
            return null;
        }

        return active.Append(new TimelineEntry(now, TimelineEntry.DevicesJoined, $"also impacted now: {string.Join(", ", joined)}"))
            with { Devices = [.. active.Devices, .. joined] };
    }

    /// <summary>
    /// An open case nobody acknowledged within <paramref name="after"/> is escalated, once: the timeline says so and its
    /// severity rises a step. Null when it is acknowledged, resolved, not old enough or already escalated.
    /// </summary>
    public static SupportCase? Escalated(SupportCase c, TimeSpan after, DateTimeOffset now)
    {
        if (c.Status != CaseStatus.Open || now - c.OpenedAt < after || c.Timeline.Any(e => e.Event == TimelineEntry.Escalated))
        {
            return null;
        }

        var raised = c.Severity == CaseSeverity.Minor ? CaseSeverity.Major : CaseSeverity.Critical;
        return c.Append(new TimelineEntry(now, TimelineEntry.Escalated, $"open for {after.TotalMinutes:0} min without an acknowledgement; severity {c.Severity} → {raised}"))
            with { Severity = raised };
    }

    /// <summary>A device's own case folded into the larger case that turned out to hold it.</summary>
    public static SupportCase MergedInto(SupportCase own, SupportCase into, DateTimeOffset now) =>
        own.Append(new TimelineEntry(now, TimelineEntry.Merged, $"folded into case {into.Id}: {into.Title}"))
            with { Status = CaseStatus.Resolved, ResolvedAt = now, Resolution = CaseResolution.Merged };

    private SupportCase? Outage(SupportCase active, LiveFleet fleet, DateTimeOffset now)
    {
        var updated = active;
        var allStable = true;
        foreach (var id in active.Devices)
        {
            var device = fleet.Find(new DeviceKey(active.Tenant, id));
            var lastEvent = LastDeviceEvent(updated, id);
            if (device is null || device.State != DeviceState.Online)
            {
                allStable = false;
                if (device is not null && lastEvent == TimelineEntry.DeviceOnline && device.State is DeviceState.Offline or DeviceState.Unreachable)
                {
                    updated = updated.Append(new TimelineEntry(device.StateSince ?? now, TimelineEntry.DeviceOffline, "down again before recovery was stable", id));
                }

                continue;
            }

            if (lastEvent != TimelineEntry.DeviceOnline)
            {
                updated = updated.Append(new TimelineEntry(device.StateSince ?? now, TimelineEntry.DeviceOnline, "heartbeats resumed", id));
            }

            allStable &= now - (device.StateSince ?? now) >= options.RecoveryStable;
        }

        if (allStable && active.Devices.Count > 0)
        {
            updated = Resolve(updated, $"every impacted device has been online for at least {options.RecoveryStable.TotalSeconds:0} s", now);
        }

        return ReferenceEquals(updated, active) ? null : updated;
    }

    private SupportCase? Flapping(SupportCase active, LiveFleet fleet, DateTimeOffset now)
    {
        var device = fleet.Find(new DeviceKey(active.Tenant, active.Subject.Id));
        if (device is null || device.State != DeviceState.Online)
        {
            return null;
        }

        var lastChange = device.Transitions.Count > 0 ? device.Transitions[^1] : device.StateSince ?? now;
        return now - lastChange >= options.FlapWindow
            ? Resolve(active, $"online with no change for {options.FlapWindow.TotalMinutes:0} min", now)
            : null;
    }

    private SupportCase? Incident(SupportCase active, LiveFleet fleet, DateTimeOffset now)
    {
        if (storm.StillHolds(fleet, active.Tenant))
        {
            return null;
        }

        var stillDown = active.Devices.Count(id => fleet.Find(new DeviceKey(active.Tenant, id)) is { State: not DeviceState.Online });
        return Resolve(active, stillDown == 0
            ? "heartbeats flow again from every device that fell silent"
            : $"heartbeats flow again; {stillDown} of its devices are still down and are judged on their own from now on", now);
    }

    private static SupportCase Resolve(SupportCase active, string why, DateTimeOffset now) =>
        active.Append(new TimelineEntry(now, TimelineEntry.Resolved, why))
            with { Status = CaseStatus.Resolved, ResolvedAt = now, Resolution = CaseResolution.AutoRecovered };

    private static string? LastDeviceEvent(SupportCase active, string deviceId)
    {
        for (var i = active.Timeline.Count - 1; i >= 0; i--)
        {
            var entry = active.Timeline[i];
            if (entry.Device == deviceId && entry.Event is TimelineEntry.DeviceOnline or TimelineEntry.DeviceOffline)
            {
                return entry.Event;
            }
        }

        return null;
    }
}
