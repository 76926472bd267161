namespace Monitoring.Api.Dashboard;

/// <summary>The <c>Dashboard</c> section: sign-in sessions and how often the open page refreshes itself.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>How long a sign-in lasts; the browser then shows the sign-in form again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sessions held at once; signing in beyond it ends the oldest one.</summary>
    public int MaxSessions { get; set; } = 10_000;

    /// <summary>How often an open dashboard asks for changes (conditional requests: an unchanged answer is a bodiless 304).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How old the overview's grouping by site, model and firmware (and a gateway's list of children) may get before it
    /// is computed again; each computation walks the tenant's devices, about a second per 100 k devices.
    /// </summary>
    public TimeSpan BreakdownInterval { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<string> Problems()
    {
        if (SessionLifetime < TimeSpan.FromMinutes(1) || SessionLifetime > TimeSpan.FromDays(30))
        {
            yield return $"{Section}:SessionLifetime must be between 00:01:00 and 30.00:00:00.";
        }

        if (MaxSessions is < 1 or > 1_000_000)
        {
            yield return $"{Section}:MaxSessions must be 1..1000000.";
        }

        if (RefreshInterval < TimeSpan.FromMilliseconds(200) || RefreshInterval > TimeSpan.FromMinutes(10))
        {
            yield return $"{Section}:RefreshInterval must be between 00:00:00.200 and 00:10:00.";
        }

        if (BreakdownInterval < TimeSpan.Zero || BreakdownInterval > TimeSpan.FromHours(1))
        {
            yield return $"{Section}:BreakdownInterval must be between 00:00:00 and 01:00:00.";
        }
    }
}
