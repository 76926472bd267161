namespace Monitoring.Core.Cases;

/// <summary>The kinds of support case, with their wire names.</summary>
public static class CaseKind
{
    public const string DeviceOffline = "device_offline";
    public const string GatewayOffline = "gateway_offline";
    public const string SiteOutage = "site_outage";
    public const string CohortOutage = "cohort_outage";
    public const string Flapping = "flapping";
    public const string DegradedConnectivity = "degraded_connectivity";
    public const string FleetIncident = "fleet_incident";

    public static readonly IReadOnlyList<string> All =
        [DeviceOffline, GatewayOffline, SiteOutage, CohortOutage, Flapping, DegradedConnectivity, FleetIncident];
}
