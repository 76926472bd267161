namespace Monitoring.Simulator;

/// <summary>The shape of a synthetic fleet: how many devices, sites and gateways, and how often they report.</summary>
/// <param name="GatewayShare">share of the non-gateway devices that sit behind a gateway (the rest reach the broker themselves)</param>
/// <param name="Jitter">each heartbeat comes up to this fraction of the interval early or late</param>
internal sealed record FleetSettings(
    string Tenant, int Tenants, int Devices, int Sites, double GatewayShare, int Seed, TimeSpan Interval, double Jitter, string TopicRoot);
