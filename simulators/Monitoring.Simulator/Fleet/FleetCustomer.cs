namespace Monitoring.Simulator;

/// <summary>A customer of the vendor: owns one or more sites. <paramref name="Tier"/> is <c>free</c> or <c>premium</c>.</summary>
internal sealed record FleetCustomer(string Tenant, string Id, string Tier);
