using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// One tenant's share of a detection pass, in the order of <see cref="CaseRules"/>: the storm guard, site, cohort and
/// gateway outages, flapping, single devices, degraded links.
/// </summary>
internal sealed class TenantCasePass(
    DetectionOptions options, OfflineDetector detector, StormGuard storm, LiveFleet fleet, TenantPicture picture,
    CaseLedger ledger, CaseContext context, IReadOnlyDictionary<DeviceKey, LinkVerdict> links, DateTimeOffset now)
{
    private readonly HashSet<DeviceKey> _claimed = [];
    private readonly HashSet<DeviceKey> _waiting = [];

    public void Run()
    {
        if (ledger.Index.IncidentOf(picture.Tenant) is not null)
        {
            return;
        }

        var (verdict, silent) = storm.Judge(fleet, picture, now);
        if (verdict == StormGuard.Verdict.Storm)
        {
            Open(CaseOpening.Incident(picture.Tenant, silent, fleet.CountIn(picture.Tenant, DeviceState.Online) + silent.Count, options, now));
            return;
        }

        if (verdict == StormGuard.Verdict.Building)
        {
            return;
        }

        Groups(SiteOutages.Find(fleet, picture, options, context.Maintenance, now));
        Groups(CohortOutages.Find(fleet, picture, options, _claimed, now));
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
                || _claimed.Contains(device.Key) || ledger.Index.CoveringGroup(device.Key) is not null || ledger.Index.ActiveFor(device) is not null
                || context.Maintenance.Covers(device, now))
            {
                continue;
            }

            var thresholds = context.Links!.ThresholdsOf(device.Model);
            if (thresholds.Breached(verdict.RssiDbm, verdict.LossPct, verdict.LatencyMs))
            {
                Open(CaseOpening.Degraded(device, verdict, thresholds, context.IsPremium(device.Tenant, device.Customer), options, now));
            }
        }
    }

    private void Groups(List<OutageGroup> groups)
    {
        foreach (var group in groups)
        {
            if (group.Devices.Any(d => ledger.Index.CoveringGroup(d.Key) is { } covering && covering.Subject != group.Subject))
            {
                continue;
            }

            foreach (var device in group.Devices)
            {
                _claimed.Add(device.Key);
            }

            if (ledger.Index.ActiveFor(group.Tenant, group.Subject) is { } active)
            {
                if (CaseFollowUp.Joined(active, group, now) is { } grown)
                {
                    ledger.Change(grown);
                    FoldMembers(group, grown);
                }

                continue;
            }

            if (group.Forming || now - JudgedFrom(group) < options.ConfirmAfter)
            {
                foreach (var device in group.Devices)
                {
                    _waiting.Add(device.Key);
                }

                continue;
            }

            if (ledger.Index.HadCase(group.Tenant, group.Subject.Id, group.OutageStartedAt))
            {
                continue;
            }

            var premium = context.IsPremium(group.Tenant, group.Customer);
            var opened = CaseOpening.Group(group, premium, detector.IntervalOf(group.Devices[0]), now);
            Open(opened);
            FoldMembers(group, opened);
        }
    }

    private void Flapping()
    {
        foreach (var device in picture.Changing)
        {
            var changes = device.Transitions.Count(t => now - t <= options.FlapWindow);
            if (changes < options.FlapTransitions || _claimed.Contains(device.Key) || ledger.Index.CoveringGroup(device.Key) is not null)
            {
                continue;
            }

            if (ledger.Index.ActiveFor(device) is { } active)
            {
                if (active.Kind == CaseKind.DeviceOffline && now - active.OpenedAt <= options.FlapWindow)
                {
                    // Its drop was one of a series: the problem is the unstable link, and the case says so.
                    ledger.Change(CaseOpening.AsFlapping(active, device, changes, options, now));
                }
                else if (active.Kind != CaseKind.Flapping && !active.Timeline.Any(e => e.Event == TimelineEntry.Flapping))
                {
                    ledger.Change(active.Append(new TimelineEntry(now, TimelineEntry.Flapping,
                        GroupExplainer.FlappingTitle(device, changes, options.FlapWindow), device.Id)));
                }

                continue;
            }

            Open(CaseOpening.Flapping(device, changes, context.IsPremium(device.Tenant, device.Customer), options, now));
        }
    }

    private void SingleDevices()
    {
        foreach (var device in picture.Down)
        {
            if (device.State != DeviceState.Offline || _claimed.Contains(device.Key) || _waiting.Contains(device.Key)
                || ledger.Index.CoveringGroup(device.Key) is not null || now - JudgedFrom(device) < options.ConfirmAfter)
            {
                continue;
            }

            var outageStart = device.OutageStartedAt ?? device.StateSince ?? now;
            if (ledger.Index.ActiveFor(device) is { } active)
            {
                if (active.Kind is CaseKind.Flapping or CaseKind.DegradedConnectivity && !active.Timeline.Any(e => e.Event == TimelineEntry.LongDrop && e.At >= outageStart))
                {
                    ledger.Change(active.Append(new TimelineEntry(now, TimelineEntry.LongDrop,
                        $"down since {outageStart:HH:mm:ss} UTC, longer than {options.ConfirmAfter.TotalSeconds:0} s", device.Id)));
                }

                continue;
            }

            if (ledger.Index.HadCase(device.Tenant, device.Id, outageStart))
            {
                continue;
            }

            Open(CaseOpening.Device(device, context.IsPremium(device.Tenant, device.Customer), detector, now));
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
            if (ledger.Index.ActiveFor(device) is not { } own || own.Id == into.Id || own.Kind is not (CaseKind.DeviceOffline or CaseKind.GatewayOffline))
            {
                continue;
            }

            ledger.Change(CaseFollowUp.MergedInto(own, into, now));
            folded = folded.Append(new TimelineEntry(now, TimelineEntry.FoldedIn, $"case {own.Id} ({own.Title}) folded into this case", device.Id));
        }

        if (!ReferenceEquals(folded, into))
        {
            ledger.Change(folded);
        }
    }

    private void Open(SupportCase opened)
    {
        if (context.Playbook is { } playbook)
        {
            var subject = opened.Subject.Type is CaseSubject.Device or CaseSubject.Gateway ? fleet.Find(new DeviceKey(opened.Tenant, opened.Subject.Id)) : null;
            opened = playbook.Apply(opened, subject);
        }

        ledger.Open(opened);
    }
}
