namespace Monitoring.Simulator;

/// <summary>
/// Picks each fault's subject from the fleet, seeded, never reusing a device an earlier fault of the run already hit,
/// so every affected device has one root cause.
/// </summary>
internal sealed class FaultTargets(SyntheticFleet fleet, Random random)
{
    private const double StormShare = 0.3;
    private readonly HashSet<FleetDevice> _used = [];

    public FaultTarget? Pick(string scenario)
    {
        var target = scenario switch
        {
            Scenarios.DeviceLoss or Scenarios.Flapping or Scenarios.DegradedLink => Direct(),
            Scenarios.GatewayLoss => Gateway(),
            Scenarios.SiteOutage => Site(),
            Scenarios.CohortOutage => Cohort(),
            Scenarios.Storm => Storm(),
            _ => null,
        };
        if (target is not null)
        {
            _used.UnionWith(target.Affected);
        }

        return target;
    }

    private bool Free(FleetDevice device) => !_used.Contains(device) && device.WithChildren().All(d => !_used.Contains(d));

    private FaultTarget? Direct()
    {
        var device = One(fleet.Publishers.Where(d => !d.IsGateway && Free(d)));
        return device is null ? null : new FaultTarget(device.Tenant, new FaultSubject("device", device.Id), [device], []);
    }

    private FaultTarget? Gateway()
    {
        var gateway = One(fleet.Publishers.Where(d => d.IsGateway && d.Children.Count > 0 && Free(d)));
        return gateway is null ? null : new FaultTarget(gateway.Tenant, new FaultSubject("gateway", gateway.Id), [gateway], []);
    }

    private FaultTarget? Site()
    {
        var site = One(fleet.Publishers.GroupBy(p => p.Site)
            .Where(g => g.Count() >= 2 && g.All(Free))
            .OrderByDescending(g => g.Any(p => p.IsGateway))
            .Select(g => g.Key)
            .ToArray());
        return site is null ? null
            : new FaultTarget(site.Tenant, new FaultSubject("site", site.Id), fleet.Publishers.Where(p => p.Site == site).ToArray(), []);
    }

    private FaultTarget? Cohort()
    {
        // The largest cohort that spans two sites and that no earlier fault touched: "all HB-200 on 2.4.1 dropped".
        var cohort = fleet.Devices.Where(d => !d.IsGateway)
            .GroupBy(d => (d.Tenant, d.Model.Name, d.Firmware))
            .Where(g => g.Select(d => d.Site).Distinct().Count() >= 2 && g.All(d => !_used.Contains(d)))
            .OrderByDescending(g => g.Count())
            .FirstOrDefault();
        if (cohort is null)
        {
            return null;
        }

        return new FaultTarget(cohort.Key.Tenant, new FaultSubject("cohort", $"{cohort.Key.Name}/{cohort.Key.Firmware}"),
            cohort.Where(d => d.Publishes).ToArray(), cohort.Where(d => !d.Publishes).ToArray());
    }

    private FaultTarget? Storm()
    {
        // Whole publishers (a gateway with its children) until 30 % of the tenant's devices are silent at once.
        var tenant = fleet.Tenants[0];
        var wanted = (int)Math.Ceiling(fleet.Devices.Count(d => d.Tenant == tenant) * StormShare);
        var candidates = fleet.Publishers.Where(p => p.Tenant == tenant && Free(p)).ToArray();
        random.Shuffle(candidates);
        var chosen = new List<FleetDevice>();
        var silent = 0;
        foreach (var publisher in candidates)
        {
            if (silent >= wanted)
            {
                break;
            }

            chosen.Add(publisher);
            silent += 1 + publisher.Children.Count;
        }

        return wanted == 0 || silent < wanted ? null : new FaultTarget(tenant, new FaultSubject("fleet", tenant), chosen, []);
    }

    private T? One<T>(IReadOnlyList<T> candidates) where T : class =>
        candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];

    private FleetDevice? One(IEnumerable<FleetDevice> candidates) => One(candidates.ToArray());
}
