using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// The case rules of a detection pass (CONTRACT §2): one case per real problem. Per tenant, in order: the storm guard
/// (the monitor's own blind spot holds everything else), site outages, cohort outages, gateways with the devices behind
/// them, flapping, then single devices. Correlation is decided before any member's own case would open; a member's case
/// that opened earlier is folded into the larger case. Active cases follow their devices and resolve themselves.
/// </summary>
public sealed class CaseRules
{
    private readonly DetectionOptions _options;
    private readonly OfflineDetector _detector;
    private readonly StormGuard _storm;
    private readonly CaseFollowUp _followUp;

    public CaseRules(DetectionOptions options)
    {
        _options = options;
        _detector = new OfflineDetector(options);
        _storm = new StormGuard(options, _detector);
        _followUp = new CaseFollowUp(options, _storm, new DegradedThresholds(options).Of);
    }

    /// <param name="fleet">Every device's latest record.</param>
    /// <param name="cases">The active cases, and recently resolved ones (so an outage closed by hand is not opened again).</param>
    public CaseDecisions Evaluate(LiveFleet fleet, IReadOnlyCollection<SupportCase> cases, DateTimeOffset now, CaseContext? context = null)
    {
        context ??= CaseContext.None;
        var decisions = new CaseDecisions();
        var index = new CaseIndex(cases);
        var changed = new Dictionary<string, SupportCase>(StringComparer.Ordinal);
        var pictures = TenantPicture.Of(fleet.Due(now), _detector, _options, context.Maintenance, now);
        var links = context.Links?.Judge(now).ToDictionary(v => v.Device) ?? [];
        foreach (var verdict in links.Values)
        {
            if (!pictures.ContainsKey(verdict.Device.Tenant))
            {
                pictures[verdict.Device.Tenant] = new TenantPicture(verdict.Device.Tenant);
            }
        }

        // Incidents first: one that ends in this pass no longer holds its tenant.
        foreach (var incident in cases.Where(c => c.IsActive && c.Kind == CaseKind.FleetIncident))
        {
            if (_followUp.Of(incident, fleet, links, now) is { } followed)
            {
                Change(followed, changed, index);
            }
        }

        foreach (var picture in pictures.Values)
        {
            new TenantPass(this, fleet, picture, index, context, links, now, decisions, changed).Run();
        }

        foreach (var active in cases)
        {
            if (!active.IsActive || active.Kind == CaseKind.FleetIncident)
            {
                continue;
            }

            var current = changed.GetValueOrDefault(active.Id, active);
            if (current.IsActive && _followUp.Of(current, fleet, links, now) is { } followed)
            {
                Change(followed, changed, index);
                current = followed;
            }

            if (context.EscalateAfter is { } after && CaseFollowUp.Escalated(current, after, now) is { } escalated)
            {
                Change(escalated, changed, index);
            }
        }

        decisions.Changed.AddRange(changed.Values);
        return decisions;
    }

    private static void Change(SupportCase c, Dictionary<string, SupportCase> changed, CaseIndex index)
    {
        changed[c.Id] = c;
        index.Track(c);
    }

    /// <summary>One tenant's share of a pass.</summary>
    private sealed class TenantPass(
        CaseRules rules, LiveFleet fleet, TenantPicture picture, CaseIndex index, CaseContext context,
        Dictionary<DeviceKey, LinkVerdict> links, DateTimeOffset now,
        CaseDecisions decisions, Dictionary<string, SupportCase> changed)
    {
        private readonly DetectionOptions _options = rules._options;
        private readonly HashSet<DeviceKey> _claimed = [];
        private readonly HashSet<DeviceKey> _waiting = [];

        public void Run()
        {
            if (index.IncidentOf(picture.Tenant) is not null)
            {
                return;
            }

            var (verdict, silent) = rules._storm.Judge(fleet, picture, now);
            if (verdict == StormGuard.Verdict.Storm)
            {
                Open(CaseOpening.Incident(picture.Tenant, silent, fleet.CountIn(picture.Tenant, DeviceState.Online) + silent.Count, _options, now));
                return;
            }

            if (verdict == StormGuard.Verdict.Building)
            {
                return;
            }

            Groups(SiteOutages.Find(fleet, picture, _options, context.Maintenance, now));
            Groups(CohortOutages.Find(fleet, picture, _options, _claimed, now));
            Groups(GatewayOutages.Find(fleet, picture, _claimed, now));
            Flapping();
            SingleDevices();
            DegradedLinks();
        }

        private void DegradedLinks()
        {
            foreach (var verdict in links.Values)
            {
                if (verdict.Device.Tenant != picture.Tenant || fleet.Find(verdict.Device) is not { State: DeviceState.Online } device
                    || _claimed.Contains(device.Key) || index.CoveringGroup(device.Key) is not null || index.ActiveFor(device) is not null
                    || context.Maintenance.Covers(device, now))
                {
                    continue;
                }

                var thresholds = context.Links!.ThresholdsOf(device.Model);
                if (thresholds.Breached(verdict.RssiDbm, verdict.LossPct, verdict.LatencyMs))
                {
                    Open(CaseOpening.Degraded(device, verdict, thresholds, context.IsPremium(device.Tenant, device.Customer), _options, now));
                }
            }
        }

        private void Groups(List<OutageGroup> groups)
        {
            foreach (var group in groups)
            {
                if (group.Devices.Any(d => index.CoveringGroup(d.Key) is { } covering && covering.Subject != group.Subject))
                {
                    continue;
                }

                foreach (var device in group.Devices)
                {
                    _claimed.Add(device.Key);
                }

                if (index.ActiveFor(group.Tenant, group.Subject) is { } active)
                {
                    if (CaseFollowUp.Joined(changed.GetValueOrDefault(active.Id, active), group, now) is { } grown)
                    {
                        Change(grown, changed, index);
                        FoldMembers(group, grown);
                    }

                    continue;
                }

                if (group.Forming || now - JudgedFrom(group) < _options.ConfirmAfter)
                {
                    foreach (var device in group.Devices)
                    {
                        _waiting.Add(device.Key);
                    }

                    continue;
                }

                if (index.HadCase(group.Tenant, group.Subject.Id, group.OutageStartedAt))
                {
                    continue;
                }

                var premium = context.IsPremium(group.Tenant, group.Customer);
                var opened = CaseOpening.Group(group, premium, rules._detector.IntervalOf(group.Devices[0]), now);
                Open(opened);
                FoldMembers(group, opened);
            }
        }

        private void Flapping()
        {
            foreach (var device in picture.Changing)
            {
                var changes = device.Transitions.Count(t => now - t <= _options.FlapWindow);
                if (changes < _options.FlapTransitions || _claimed.Contains(device.Key) || index.CoveringGroup(device.Key) is not null)
                {
                    continue;
                }

                if (index.ActiveFor(device) is { } active)
                {
                    var current = changed.GetValueOrDefault(active.Id, active);
                    if (current.Kind == CaseKind.DeviceOffline && now - current.OpenedAt <= _options.FlapWindow)
                    {
                        // Its drop was one of a series: the problem is the unstable link, and the case says so.
                        Change(CaseOpening.AsFlapping(current, device, changes, _options, now), changed, index);
                    }
                    else if (current.Kind != CaseKind.Flapping && !current.Timeline.Any(e => e.Event == TimelineEntry.Flapping))
                    {
                        Change(current.Append(new TimelineEntry(now, TimelineEntry.Flapping,
                            GroupExplainer.FlappingTitle(device, changes, _options.FlapWindow), device.Id)), changed, index);
                    }

                    continue;
                }

                Open(CaseOpening.Flapping(device, changes, context.IsPremium(device.Tenant, device.Customer), _options, now));
            }
        }

        private void SingleDevices()
        {
            foreach (var device in picture.Down)
            {
                if (device.State != DeviceState.Offline || _claimed.Contains(device.Key) || _waiting.Contains(device.Key)
                    || index.CoveringGroup(device.Key) is not null || now - JudgedFrom(device) < _options.ConfirmAfter)
                {
                    continue;
                }

                var outageStart = device.OutageStartedAt ?? device.StateSince ?? now;
                if (index.ActiveFor(device) is { } active)
                {
                    var current = changed.GetValueOrDefault(active.Id, active);
                    if (current.Kind is CaseKind.Flapping or CaseKind.DegradedConnectivity && !current.Timeline.Any(e => e.Event == TimelineEntry.LongDrop && e.At >= outageStart))
                    {
                        Change(current.Append(new TimelineEntry(now, TimelineEntry.LongDrop,
                            $"down since {outageStart:HH:mm:ss} UTC, longer than {_options.ConfirmAfter.TotalSeconds:0} s", device.Id)), changed, index);
                    }

                    continue;
                }

                if (index.HadCase(device.Tenant, device.Id, outageStart))
                {
                    continue;
                }

                Open(CaseOpening.Device(device, context.IsPremium(device.Tenant, device.Customer), rules._detector, _options, now));
            }
        }

        /// <summary>A device still down when its maintenance window ended is judged from the window's end.</summary>
        private DateTimeOffset JudgedFrom(DeviceRecord device)
        {
            var since = device.StateSince ?? now;
            return context.Maintenance.EndedFor(device, now) is { } ended && ended > since ? ended : since;
        }

        private DateTimeOffset JudgedFrom(OutageGroup group)
        {
            var ended = group.Devices.Max(d => context.Maintenance.EndedFor(d, now));
            return ended is { } e && e > group.HoldsSince ? e : group.HoldsSince;
        }

        private void FoldMembers(OutageGroup group, SupportCase into)
        {
            var folded = into;
            foreach (var device in group.Devices)
            {
                if (index.ActiveFor(device) is not { } own || own.Id == into.Id || own.Kind is not (CaseKind.DeviceOffline or CaseKind.GatewayOffline))
                {
                    continue;
                }

                var current = changed.GetValueOrDefault(own.Id, own);
                Change(CaseFollowUp.MergedInto(current, into, now), changed, index);
                folded = folded.Append(new TimelineEntry(now, TimelineEntry.FoldedIn, $"case {own.Id} ({own.Title}) folded into this case", device.Id));
            }

            if (!ReferenceEquals(folded, into))
            {
                var opened = decisions.Opened.FindIndex(c => c.Id == into.Id);
                if (opened >= 0)
                {
                    decisions.Opened[opened] = folded;
                }
                else
                {
                    changed[folded.Id] = folded;
                }

                index.Track(folded);
            }
        }

        private void Open(SupportCase opened)
        {
            if (context.Playbook is { } playbook)
            {
                var subject = opened.Subject.Type is CaseSubject.Device or CaseSubject.Gateway ? fleet.Find(new DeviceKey(opened.Tenant, opened.Subject.Id)) : null;
                opened = playbook.Apply(opened, subject);
            }

            decisions.Opened.Add(opened);
            index.Track(opened);
        }
    }
}
