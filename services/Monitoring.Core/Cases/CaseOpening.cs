using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>New cases, each with its title, explanation, steps, severity and first timeline entries.</summary>
internal static class CaseOpening
{
    public static SupportCase Device(DeviceRecord device, bool premium, OfflineDetector detector, DateTimeOffset now)
    {
        var gateway = device.Kind == DeviceKind.Gateway;
        var kind = gateway ? CaseKind.GatewayOffline : CaseKind.DeviceOffline;
        var outageStart = device.OutageStartedAt ?? device.StateSince ?? now;
        var cause = CaseExplainer.SuspectedCause(device, detector.IntervalOf(device));
        return ForDevice(device, kind, premium, CaseExplainer.Title(device), cause, CaseExplainer.SuggestedSteps(device), outageStart, now,
            new TimelineEntry(outageStart, TimelineEntry.DeviceOffline, "last known up", device.Id));
    }

    public static SupportCase Group(OutageGroup group, bool premium, TimeSpan expectedInterval, DateTimeOffset now)
    {
        var cause = GroupExplainer.SuspectedCause(group, now, expectedInterval);
        var timeline = new List<TimelineEntry>();
        foreach (var device in group.Devices.OrderBy(d => d.OutageStartedAt ?? now))
        {
            timeline.Add(new TimelineEntry(device.OutageStartedAt ?? device.StateSince ?? now, TimelineEntry.DeviceOffline,
                device.State == DeviceState.Unreachable ? "unreachable behind its gateway; last known up" : "last known up", device.Id));
        }

        timeline.Add(new TimelineEntry(now, TimelineEntry.Opened, cause));
        return new SupportCase
        {
            Id = CaseIds.New(now),
            Tenant = group.Tenant,
            Kind = group.Kind,
            Severity = CaseSeverityRule.Of(group.Kind, group.Devices.Count, premium),
            Subject = group.Subject,
            Devices = [.. group.Devices.Select(d => d.Id)],
            Customer = group.Customer,
            Site = group.Kind == CaseKind.SiteOutage ? group.Subject.Id : group.Site,
            Title = GroupExplainer.Title(group),
            SuspectedCause = cause,
            SuggestedSteps = GroupExplainer.SuggestedSteps(group),
            OutageStartedAt = group.OutageStartedAt,
            OpenedAt = now,
            Timeline = timeline,
        };
    }

    public static SupportCase Flapping(DeviceRecord device, int changes, bool premium, DetectionOptions options, DateTimeOffset now)
    {
        var cause = GroupExplainer.FlappingCause(device, changes, options.FlapWindow);
        var first = device.Transitions.First(t => now - t <= options.FlapWindow);
        return ForDevice(device, CaseKind.Flapping, premium, GroupExplainer.FlappingTitle(device, changes, options.FlapWindow), cause,
            GroupExplainer.FlappingSteps(device), first, now, new TimelineEntry(first, TimelineEntry.DeviceOffline, "first drop of the series", device.Id));
    }

    /// <summary>A device's offline case whose drop turned out to be one of a series, told again as the flapping it is.</summary>
    public static SupportCase AsFlapping(SupportCase offline, DeviceRecord device, int changes, DetectionOptions options, DateTimeOffset now)
    {
        var title = GroupExplainer.FlappingTitle(device, changes, options.FlapWindow);
        return offline.Append(new TimelineEntry(now, TimelineEntry.Flapping, $"{title}: the drop was one of a series, so this case is about the unstable link", device.Id)) with
        {
            Kind = CaseKind.Flapping,
            Title = title,
            SuspectedCause = GroupExplainer.FlappingCause(device, changes, options.FlapWindow),
            SuggestedSteps = GroupExplainer.FlappingSteps(device),
        };
    }

    public static SupportCase Incident(string tenant, List<DeviceRecord> silent, long wereOnline, DetectionOptions options, DateTimeOffset now)
    {
        var cause = GroupExplainer.IncidentCause(silent.Count, wereOnline, options.StormWindow);
        var start = silent.Min(d => d.OutageStartedAt ?? d.StateSince ?? now);
        return new SupportCase
        {
            Id = CaseIds.New(now),
            Tenant = tenant,
            Kind = CaseKind.FleetIncident,
            Severity = CaseSeverity.Critical,
            Subject = new CaseSubject(CaseSubject.Fleet, tenant),
            Devices = [.. silent.Select(d => d.Id).Order(StringComparer.Ordinal)],
            Title = GroupExplainer.IncidentTitle(tenant, silent.Count, wereOnline),
            SuspectedCause = cause,
            SuggestedSteps = GroupExplainer.IncidentSteps(),
            OutageStartedAt = start,
            OpenedAt = now,
            Timeline = [new TimelineEntry(start, TimelineEntry.DeviceOffline, "first of the silent devices last known up"), new TimelineEntry(now, TimelineEntry.Opened, cause)],
        };
    }

    public static SupportCase Degraded(DeviceRecord device, LinkVerdict verdict, LinkThresholds thresholds, bool premium, DetectionOptions options, DateTimeOffset now)
    {
        var window = options.DegradedWindow;
        var cause = $"Online, but its link has been poor for the last {window.TotalMinutes:0} min: {LinkText.Medians(verdict, thresholds)}. "
            + (verdict.RssiDbm < thresholds.RssiBelow
                ? "A weak signal points to distance, walls or interference between it and its access point."
                : "Loss and latency with a good signal point to the network path: the site's internet line or the router.");
        var steps = new List<string>();
        if (verdict.RssiDbm < thresholds.RssiBelow)
        {
            steps.Add($"Move {device.Id} nearer to its access point or gateway, or add a repeater.");
            steps.Add($"Keep {device.Id} away from metal, microwaves and other radios; check its antenna.");
        }

        if (verdict.LossPct > thresholds.LossAbove || verdict.LatencyMs > thresholds.LatencyAbove)
        {
            steps.Add(device.Site is null ? "Check the internet line's quality where it is installed." : $"Check the internet line at {device.Site}: a speed test, the router's error counters, the provider's status.");
            steps.Add("Restart the site's router.");
        }

        steps.Add($"Update {device.Id} to the latest firmware.");
        var start = now - window;
        var title = $"{(device.Kind == DeviceKind.Gateway ? "Gateway" : "Device")} {device.Id} degraded link — {LinkText.Problems(verdict, thresholds)}";
        return ForDevice(device, CaseKind.DegradedConnectivity, premium, title, cause, steps, start, now);
    }

    /// <summary>A case about one device or gateway: its subject, customer and site from the device, opened now.</summary>
    private static SupportCase ForDevice(
        DeviceRecord device, string kind, bool premium, string title, string cause, IReadOnlyList<string> steps,
        DateTimeOffset outageStart, DateTimeOffset now, params TimelineEntry[] before) => new()
    {
        Id = CaseIds.New(now),
        Tenant = device.Tenant,
        Kind = kind,
        Severity = CaseSeverityRule.Of(kind, 1, premium),
        Subject = new CaseSubject(device.Kind == DeviceKind.Gateway ? CaseSubject.Gateway : CaseSubject.Device, device.Id),
        Devices = [device.Id],
        Customer = device.Customer,
        Site = device.Site,
        Title = title,
        SuspectedCause = cause,
        SuggestedSteps = steps,
        OutageStartedAt = outageStart,
        OpenedAt = now,
        Timeline = [.. before, new TimelineEntry(now, TimelineEntry.Opened, cause)],
    };
}
