namespace Monitoring.Simulator;

/// <summary>
/// Builds a synthetic fleet from a seed: the same settings always give the same tenants, customers, sites, gateways,
/// children, direct devices, models, firmwares and intervals.
/// </summary>
internal sealed class FleetBuilder(FleetSettings settings)
{
    private const int ChildrenPerGateway = 6;
    private const int PremiumEvery = 5;

    public SyntheticFleet Build()
    {
        var random = new Random(settings.Seed);
        var siteCount = Math.Clamp(settings.Sites, 1, settings.Devices);
        var customers = new List<FleetCustomer>();
        var sites = new List<FleetSite>();
        for (var s = 0; s < siteCount; s++)
        {
            var tenant = TenantName(s % Math.Max(1, settings.Tenants));
            // Most customers own one site, some own two or three.
            var owner = customers.LastOrDefault(c => c.Tenant == tenant);
            if (owner is null || random.NextDouble() < 0.7)
            {
                // Every fifth customer is premium, so even a small fleet has both tiers.
                owner = new FleetCustomer(tenant, $"cust-{customers.Count + 1:D5}", customers.Count % PremiumEvery == 1 ? "premium" : "free");
                customers.Add(owner);
            }

            sites.Add(new FleetSite(tenant, $"site-{s + 1:D5}", owner));
        }

        var devices = new List<FleetDevice>(settings.Devices);
        var gatewayNumber = 0;
        var deviceNumber = 0;
        for (var s = 0; s < siteCount; s++)
        {
            // Contiguous, nearly equal blocks: every site gets at least one device.
            var size = (int)((long)settings.Devices * (s + 1) / siteCount - (long)settings.Devices * s / siteCount);
            var children = size >= 2 ? (int)Math.Round((size - 1) * settings.GatewayShare) : 0;
            var gateways = children == 0 ? 0 : Math.Max(1, (int)Math.Ceiling(children / (double)ChildrenPerGateway));
            children = Math.Min(children, size - gateways);
            var site = sites[s];
            var siteGateways = new List<FleetDevice>();
            for (var g = 0; g < gateways; g++)
            {
                var gateway = Create($"gw-{++gatewayNumber:D5}", FleetDevice.GatewayKind, site, DeviceModelCatalog.Gateways, random);
                siteGateways.Add(gateway);
                devices.Add(gateway);
            }

            for (var d = 0; d < size - gateways; d++)
            {
                var device = Create($"dev-{++deviceNumber:D6}", FleetDevice.DeviceKind, site, DeviceModelCatalog.Devices, random);
                if (d < children)
                {
                    var gateway = siteGateways[d % siteGateways.Count];
                    device.Gateway = gateway;
                    gateway.Children.Add(device);
                }

                devices.Add(device);
            }
        }

        return new SyntheticFleet(customers, sites, devices);
    }

    public string TenantName(int index) => index == 0 ? settings.Tenant : $"{settings.Tenant}-{index + 1}";

    private FleetDevice Create(string id, string kind, FleetSite site, DeviceModel[] models, Random random)
    {
        var model = models[random.Next(models.Length)];
        var firmware = model.Firmwares[random.Next(model.Firmwares.Length)];
        var interval = TimeSpan.FromSeconds(Math.Max(1, Math.Round(settings.Interval.TotalSeconds)) * model.IntervalMultiple);
        return new FleetDevice(id, kind, site, model, firmware, interval, new Random(random.Next()));
    }
}
