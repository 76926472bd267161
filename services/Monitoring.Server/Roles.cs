namespace Monitoring.Server;

/// <summary>The parts of the system this process runs, from the <c>Roles</c> setting.</summary>
internal sealed record Roles(bool Broker, bool Ingest, bool Detect, bool Notify, bool Api)
{
    private static readonly string[] Known = ["broker", "ingest", "detect", "notify", "api"];

    public static Roles Parse(string? setting)
    {
        var names = (string.IsNullOrWhiteSpace(setting) ? "all" : setting)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant())
            .ToHashSet();
        if (names.Remove("all"))
        {
            names.UnionWith(Known);
        }

        var unknown = names.Except(Known).ToList();
        if (unknown.Count > 0 || names.Count == 0)
        {
            throw new InvalidOperationException(
                $"Roles: '{setting}' is not a comma list of {string.Join(", ", Known)} or all (unknown: {string.Join(", ", unknown)}).");
        }

        if (names.Contains("detect") && !names.Contains("ingest"))
        {
            // Detection judges the live state that ingestion holds in memory; apart, it would judge a stale copy.
            throw new InvalidOperationException($"Roles: '{setting}' runs detect without ingest; run them in the same process.");
        }

        return new Roles(names.Contains("broker"), names.Contains("ingest"), names.Contains("detect"), names.Contains("notify"), names.Contains("api"));
    }

    public bool NeedsCases => Detect || Api || Notify;
}
