namespace Monitoring.Simulator;

/// <summary>The fault scenarios a run can inject, by their command-line and truth-file names.</summary>
internal static class Scenarios
{
    public const string DeviceLoss = "device_loss";
    public const string GatewayLoss = "gateway_loss";
    public const string SiteOutage = "site_outage";
    public const string CohortOutage = "cohort_outage";
    public const string Flapping = "flapping";
    public const string DegradedLink = "degraded_link";
    public const string BrokerRestart = "broker_restart";
    public const string Storm = "storm";
    public const string CustomerCalls = "customer_calls";

    /// <summary>Not a fault: the run's own start and end, the window <c>verify</c> judges cases in.</summary>
    public const string Run = "run";

    public static readonly string[] All =
        [DeviceLoss, GatewayLoss, SiteOutage, CohortOutage, Flapping, DegradedLink, BrokerRestart, Storm, CustomerCalls];
}
