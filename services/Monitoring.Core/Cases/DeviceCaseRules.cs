using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// The case rules for a single device or gateway down: a case opens once it has been down for ConfirmAfter,
/// a subject has at most one active case, an outage gets one case however it ends, and a case resolves by itself
/// once every impacted device has been online for RecoveryStable.
/// </summary>
public sealed class DeviceCaseRules
{
    private readonly DetectionOptions _options;
    private readonly OfflineDetector _detector;

    public DeviceCaseRules(DetectionOptions options)
    {
        _options = options;
        _detector = new OfflineDetector(options);
    }

    /// <param name="fleet">Every device's latest record.</param>
    /// <param name="cases">The active cases, and recently resolved ones (so an outage closed by hand is not opened again).</param>
    public CaseDecisions Evaluate(LiveFleet fleet, IReadOnlyCollection<SupportCase> cases, DateTimeOffset now)
    {
        var decisions = new CaseDecisions();
        var covered = CoveredDevices(cases);
        var outagesWithCase = OutagesWithCase(cases);
        var devices = new Dictionary<DeviceKey, DeviceRecord>();
        foreach (var device in fleet.Due(now))
        {
            if (device.State != DeviceState.Offline)
            {
                continue;
            }

            devices[device.Key] = device;
            if (covered.Contains(device.Key) || now - (device.StateSince ?? now) < _options.ConfirmAfter)
            {
                continue;
            }

            if (!outagesWithCase.Contains((device.Tenant, device.Id, device.OutageStartedAt)))
            {
                decisions.Opened.Add(Open(device, now));
            }
        }

        foreach (var active in cases)
        {
            if (active.IsActive && FollowUp(active, devices, fleet, now) is { } changed)
            {
                decisions.Changed.Add(changed);
            }
        }

        return decisions;
    }

    private SupportCase Open(DeviceRecord device, DateTimeOffset now)
    {
        var gateway = device.Kind == DeviceKind.Gateway;
        var outageStart = device.OutageStartedAt ?? device.StateSince ?? now;
        var cause = CaseExplainer.SuspectedCause(device, _detector.TimeoutOf(device) / _options.MissedHeartbeats);
        return new SupportCase
        {
            Id = CaseIds.New(now),
            Tenant = device.Tenant,
            Kind = gateway ? CaseKind.GatewayOffline : CaseKind.DeviceOffline,
            Severity = gateway ? CaseSeverity.Major : CaseSeverity.Minor,
            Subject = new CaseSubject(gateway ? CaseSubject.Gateway : CaseSubject.Device, device.Id),
            Devices = [device.Id],
            Customer = device.Customer,
            Site = device.Site,
            Title = CaseExplainer.Title(device),
            SuspectedCause = cause,
            SuggestedSteps = CaseExplainer.SuggestedSteps(device),
            OutageStartedAt = outageStart,
            OpenedAt = now,
            Timeline =
            [
                new TimelineEntry(outageStart, TimelineEntry.DeviceOffline, "last known up", device.Id),
                new TimelineEntry(now, TimelineEntry.Opened, cause),
            ],
        };
    }

    /// <summary>Notes each impacted device's return or new drop on the timeline, and resolves once all are stably back.</summary>
    private SupportCase? FollowUp(SupportCase active, Dictionary<DeviceKey, DeviceRecord> offline, LiveFleet fleet, DateTimeOffset now)
    {
        var updated = active;
        var allStable = true;
        foreach (var id in active.Devices)
        {
            var key = new DeviceKey(active.Tenant, id);
            var lastEvent = LastDeviceEvent(updated, id);
            if (offline.TryGetValue(key, out var down))
            {
                allStable = false;
                if (lastEvent == TimelineEntry.DeviceOnline)
                {
                    updated = updated.Append(new TimelineEntry(down.StateSince ?? now, TimelineEntry.DeviceOffline, "down again before recovery was stable", id));
                }

                continue;
            }

            var device = fleet.Find(key);
            if (device is null || device.State != DeviceState.Online)
            {
                allStable = false;
                continue;
            }

            if (lastEvent != TimelineEntry.DeviceOnline)
            {
                updated = updated.Append(new TimelineEntry(device.StateSince ?? now, TimelineEntry.DeviceOnline, "heartbeats resumed", id));
            }

            allStable &= now - (device.StateSince ?? now) >= _options.RecoveryStable;
        }

        if (allStable && active.Devices.Count > 0)
        {
            var stable = _options.RecoveryStable;
            updated = updated.Append(new TimelineEntry(now, TimelineEntry.Resolved, $"every impacted device has been online for at least {stable.TotalSeconds:0} s"))
                with { Status = CaseStatus.Resolved, ResolvedAt = now, Resolution = CaseResolution.AutoRecovered };
        }

        return ReferenceEquals(updated, active) ? null : updated;
    }

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

    private static HashSet<DeviceKey> CoveredDevices(IReadOnlyCollection<SupportCase> cases)
    {
        var covered = new HashSet<DeviceKey>();
        foreach (var c in cases)
        {
            if (c.IsActive)
            {
                foreach (var id in c.Devices)
                {
                    covered.Add(new DeviceKey(c.Tenant, id));
                }
            }
        }

        return covered;
    }

    /// <summary>Each subject's outage that already has a case, by its start, so an outage closed by hand is not opened again.</summary>
    private static HashSet<(string Tenant, string Subject, DateTimeOffset? OutageStartedAt)> OutagesWithCase(IReadOnlyCollection<SupportCase> cases)
    {
        var outages = new HashSet<(string, string, DateTimeOffset?)>();
        foreach (var c in cases)
        {
            outages.Add((c.Tenant, c.Subject.Id, c.OutageStartedAt));
        }

        return outages;
    }
}
