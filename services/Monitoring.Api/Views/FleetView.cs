namespace Monitoring.Api.Views;

/// <summary>A tenant's fleet at a glance: devices by state, active cases by kind, availability over the last 24 h.</summary>
public sealed record FleetView(
    string Tenant, int Devices, IReadOnlyDictionary<string, int> DevicesByState, IReadOnlyDictionary<string, int> OpenCasesByKind,
    double? Availability24h);
