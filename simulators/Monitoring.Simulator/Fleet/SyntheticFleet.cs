namespace Monitoring.Simulator;

/// <summary>A built fleet: its customers, sites and devices, and the publishers (gateways and direct devices) that reach the broker.</summary>
internal sealed class SyntheticFleet(IReadOnlyList<FleetCustomer> customers, IReadOnlyList<FleetSite> sites, IReadOnlyList<FleetDevice> devices)
{
    public IReadOnlyList<FleetCustomer> Customers { get; } = customers;
    public IReadOnlyList<FleetSite> Sites { get; } = sites;
    public IReadOnlyList<FleetDevice> Devices { get; } = devices;
    public IReadOnlyList<FleetDevice> Publishers { get; } = devices.Where(d => d.Publishes).ToArray();
    public IReadOnlyList<string> Tenants { get; } = sites.Select(s => s.Tenant).Distinct().ToArray();

    public string Describe()
    {
        var gateways = Devices.Count(d => d.IsGateway);
        var children = Devices.Count(d => d.Gateway is not null);
        var cohorts = Devices.Where(d => !d.IsGateway).Select(d => (d.Model.Name, d.Firmware)).Distinct().Count();
        return $"fleet: {Tenants.Count} tenant(s), {Customers.Count} customers ({Customers.Count(c => c.Tier == "premium")} premium), "
            + $"{Sites.Count} sites, {Devices.Count} devices: {gateways} gateways with {children} children, "
            + $"{Devices.Count - gateways - children} direct; {cohorts} model/firmware cohorts; {Publishers.Count} publishers";
    }
}
