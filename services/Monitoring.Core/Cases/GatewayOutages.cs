using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>A gateway down with the children behind it, which are unreachable: one case listing them all.</summary>
internal static class GatewayOutages
{
    public static List<OutageGroup> Find(LiveFleet fleet, TenantPicture picture, IReadOnlySet<DeviceKey> claimed, DateTimeOffset now)
    {
        var groups = new List<OutageGroup>();
        foreach (var gateway in picture.Down)
        {
            if (gateway.Kind != DeviceKind.Gateway || gateway.State != DeviceState.Offline || claimed.Contains(gateway.Key))
            {
                continue;
            }

            var impacted = new List<DeviceRecord> { gateway };
            impacted.AddRange(fleet.ChildrenOf(gateway.Tenant, gateway.Id).Where(c => c.State == DeviceState.Unreachable).OrderBy(c => c.Id, StringComparer.Ordinal));
            groups.Add(new OutageGroup(CaseKind.GatewayOffline, new CaseSubject(CaseSubject.Gateway, gateway.Id), gateway.Tenant, impacted,
                gateway.OutageStartedAt ?? gateway.StateSince ?? now, gateway.StateSince ?? now));
        }

        return groups;
    }
}
