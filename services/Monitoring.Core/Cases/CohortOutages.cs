using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// A cohort (one model on one firmware) is out when at least CohortMinDevices of its devices, and at least
/// CohortFraction of it, went down within CorrelationWindow on two sites or more, while less than CohortFraction of the
/// rest of the tenant is down: the "all HB-200 on 2.4.1 dropped after the update" case. Devices already claimed by a
/// site outage are the site's.
/// </summary>
internal static class CohortOutages
{
    public static List<OutageGroup> Find(LiveFleet fleet, TenantPicture picture, DetectionOptions options, IReadOnlySet<DeviceKey> claimed, DateTimeOffset now)
    {
        var groups = new List<OutageGroup>();
        var byCohort = new Dictionary<(string Model, string Firmware), List<DeviceRecord>>();
        foreach (var device in picture.Down)
        {
            if (device.Model is { } model && device.Firmware is { } firmware)
            {
                if (!byCohort.TryGetValue((model, firmware), out var list))
                {
                    byCohort[(model, firmware)] = list = [];
                }

                list.Add(device);
            }
        }

        var tenantSize = fleet.SizeOf(picture.Tenant);
        var tenantDown = fleet.CountIn(picture.Tenant, DeviceState.Offline) + fleet.CountIn(picture.Tenant, DeviceState.Unreachable);
        foreach (var ((model, firmware), cohortDown) in byCohort)
        {
            var own = cohortDown.Where(d => d.State == DeviceState.Offline && !claimed.Contains(d.Key)).ToList();
            var late = picture.LateIn(model, firmware);
            if (own.Count + late < options.CohortMinDevices || own.Count == 0)
            {
                continue;
            }

            var latest = own.Max(d => d.OutageStartedAt ?? now);
            var together = own.Where(d => latest - (d.OutageStartedAt ?? now) <= options.CorrelationWindow).ToList();
            var size = fleet.CohortSize(picture.Tenant, model, firmware);
            var sites = together.Select(d => d.Site).Where(s => s is not null).Distinct(StringComparer.Ordinal).Count();
            var restSize = tenantSize - size;
            var restDown = tenantDown - cohortDown.Count;
            var restBroken = restSize > 0 && restDown >= options.CohortFraction * restSize;
            var holds = together.Count >= options.CohortMinDevices && together.Count >= options.CohortFraction * size && sites >= 2;
            // With its late members judged, the cohort would be out: its members' own cases wait for them.
            var forming = !holds && together.Count + late >= options.CohortMinDevices && together.Count + late >= options.CohortFraction * size;
            if (restBroken || !(holds || forming))
            {
                continue;
            }

            groups.Add(new OutageGroup(CaseKind.CohortOutage, new CaseSubject(CaseSubject.Cohort, $"{model}/{firmware}"), picture.Tenant,
                [.. together.OrderBy(d => d.Id, StringComparer.Ordinal)], together.Min(d => d.OutageStartedAt ?? now), together.Max(d => d.StateSince ?? now),
                Forming: forming));
        }

        return groups;
    }
}
