namespace Monitoring.Core.Detection;

/// <summary>The <c>Detection</c> configuration section (CONTRACT §2, §7).</summary>
public sealed class DetectionOptions
{
    public const string Section = "Detection";

    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(5);
    public int MissedHeartbeats { get; set; } = 3;
    public TimeSpan ConfirmAfter { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RecoveryStable { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan CorrelationWindow { get; set; } = TimeSpan.FromMinutes(2);
    public int SiteOutageMinDevices { get; set; } = 2;
    public int CohortMinDevices { get; set; } = 5;
    public double CohortFraction { get; set; } = 0.2;
    public double StormFraction { get; set; } = 0.3;
    public int StormMinDevices { get; set; } = 20;
    public TimeSpan StormWindow { get; set; } = TimeSpan.FromSeconds(30);
    public int FlapTransitions { get; set; } = 4;
    public TimeSpan FlapWindow { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan DegradedWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Degraded-link thresholds by model, with <c>Default</c> for the rest.</summary>
    public Dictionary<string, LinkThresholds> Degraded { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Each problem with the settings, naming the key; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Period <= TimeSpan.Zero) yield return $"{Section}:Period must be positive (was {Period}).";
        if (MissedHeartbeats < 1) yield return $"{Section}:MissedHeartbeats must be at least 1 (was {MissedHeartbeats}).";
        if (ConfirmAfter < TimeSpan.Zero) yield return $"{Section}:ConfirmAfter must not be negative (was {ConfirmAfter}).";
        if (RecoveryStable < TimeSpan.Zero) yield return $"{Section}:RecoveryStable must not be negative (was {RecoveryStable}).";
        if (DefaultInterval < TimeSpan.FromSeconds(1) || DefaultInterval > TimeSpan.FromDays(1))
            yield return $"{Section}:DefaultInterval must be between 00:00:01 and 1.00:00:00 (was {DefaultInterval}).";
        if (CorrelationWindow < TimeSpan.Zero) yield return $"{Section}:CorrelationWindow must not be negative (was {CorrelationWindow}).";
        if (SiteOutageMinDevices < 1) yield return $"{Section}:SiteOutageMinDevices must be at least 1 (was {SiteOutageMinDevices}).";
        if (CohortMinDevices < 1) yield return $"{Section}:CohortMinDevices must be at least 1 (was {CohortMinDevices}).";
        if (CohortFraction is <= 0 or > 1) yield return $"{Section}:CohortFraction must be in (0, 1] (was {CohortFraction}).";
        if (StormFraction is <= 0 or > 1) yield return $"{Section}:StormFraction must be in (0, 1] (was {StormFraction}).";
        if (StormMinDevices < 1) yield return $"{Section}:StormMinDevices must be at least 1 (was {StormMinDevices}).";
        if (StormWindow <= TimeSpan.Zero) yield return $"{Section}:StormWindow must be positive (was {StormWindow}).";
        if (FlapTransitions < 2) yield return $"{Section}:FlapTransitions must be at least 2 (was {FlapTransitions}).";
        if (FlapWindow <= TimeSpan.Zero) yield return $"{Section}:FlapWindow must be positive (was {FlapWindow}).";
        if (DegradedWindow <= TimeSpan.Zero) yield return $"{Section}:DegradedWindow must be positive (was {DegradedWindow}).";
        foreach (var (model, thresholds) in Degraded)
        {
            foreach (var problem in thresholds.Problems($"{Section}:Degraded:{model}"))
            {
                yield return problem;
            }
        }
    }
}
