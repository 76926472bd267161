namespace Monitoring.Simulator;

/// <summary>A place where devices are installed, owned by one customer.</summary>
internal sealed record FleetSite(string Tenant, string Id, FleetCustomer Customer);
