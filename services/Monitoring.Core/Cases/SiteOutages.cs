using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// A site is out when at least SiteOutageMinDevices of its devices that reach the broker themselves (gateways and
/// devices without a parent), and all of them, went down within CorrelationWindow: one case for the site, listing the
/// children of its gateways too. While the rest of such a site is late (not yet judged), the site outage is forming.
/// </summary>
internal static class SiteOutages
{
    public static List<OutageGroup> Find(LiveFleet fleet, TenantPicture picture, DetectionOptions options, IMaintenanceCalendar maintenance, DateTimeOffset now)
    {
        var groups = new List<OutageGroup>();
        var sites = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in picture.Down)
        {
            if (device.Parent is null && device.Site is { } site && device.State == DeviceState.Offline)
            {
                sites.Add(site);
            }
        }

        foreach (var site in sites)
        {
            var members = fleet.DirectDevicesOf(picture.Tenant, site).Where(d => !maintenance.Covers(d, now)).ToList();
            if (members.Count < options.SiteOutageMinDevices)
            {
                continue;
            }

            var down = members.Where(d => d.State == DeviceState.Offline).ToList();
            var late = members.Count(d => picture.Late.Contains(d.Key));
            if (down.Count + late < members.Count || down.Count == 0)
            {
                continue;
            }

            var first = down.Min(d => d.OutageStartedAt ?? now);
            var last = down.Max(d => d.OutageStartedAt ?? now);
            if (last - first > options.CorrelationWindow)
            {
                continue;
            }

            var impacted = new List<DeviceRecord>(members);
            foreach (var gateway in members.Where(d => d.Kind == DeviceKind.Gateway))
            {
                impacted.AddRange(fleet.ChildrenOf(picture.Tenant, gateway.Id).Where(c => c.State == DeviceState.Unreachable));
            }

            groups.Add(new OutageGroup(CaseKind.SiteOutage, new CaseSubject(CaseSubject.Site, site), picture.Tenant, impacted, first,
                down.Max(d => d.StateSince ?? now), Forming: late > 0));
        }

        return groups;
    }
}
