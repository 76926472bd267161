namespace Monitoring.Ingestion;

/// <summary>The <c>Ingestion</c> section.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>A device's <c>ts</c> stamps its metrics only within this distance of the server's clock.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A batch is written and acknowledged when it holds this many messages…</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>…or when its first message has waited this long.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    public IEnumerable<string> Problems()
    {
        if (MaxClockSkew < TimeSpan.Zero) yield return $"{Section}:MaxClockSkew must not be negative (was {MaxClockSkew}).";
        if (BatchSize is < 1 or > 100_000) yield return $"{Section}:BatchSize must be 1..100000 (was {BatchSize}).";
        if (BatchWindow <= TimeSpan.Zero || BatchWindow > TimeSpan.FromSeconds(10)) yield return $"{Section}:BatchWindow must be in (0, 00:00:10] (was {BatchWindow}).";
    }
}
