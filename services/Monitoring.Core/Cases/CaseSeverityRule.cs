namespace Monitoring.Core.Cases;

/// <summary>
/// How severe a case is, from its scope and the customer's tier: one device is minor, a gateway (what is behind it
/// depends on it), a site or a cohort major, the fleet critical; a premium customer, or fifty devices and more, raise it one step.
/// </summary>
public static class CaseSeverityRule
{
    public const int ManyDevices = 50;

    public static string Of(string kind, int devices, bool premium)
    {
        var level = kind switch
        {
            CaseKind.FleetIncident => 2,
            CaseKind.SiteOutage or CaseKind.CohortOutage => 1,
            CaseKind.GatewayOffline => 1,
            _ => 0,
        };
        level += premium ? 1 : 0;
        level += devices >= ManyDevices ? 1 : 0;
        return Math.Min(level, 2) switch
        {
            0 => CaseSeverity.Minor,
            1 => CaseSeverity.Major,
            _ => CaseSeverity.Critical,
        };
    }

    /// <summary>The higher of two severities.</summary>
    public static string Max(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(string severity) => severity switch
    {
        CaseSeverity.Critical => 2,
        CaseSeverity.Major => 1,
        _ => 0,
    };
}
