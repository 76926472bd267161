namespace Monitoring.Simulator;

/// <summary>The part of the server's case (CONTRACT §3) that verification reads.</summary>
internal sealed record ServerCase
{
    public required string Id { get; init; }
    public string Tenant { get; init; } = "";
    public required string Kind { get; init; }
    public string Status { get; init; } = "";
    public FaultSubject Subject { get; init; } = new("", "");
    public IReadOnlyList<string> Devices { get; init; } = [];
    public DateTimeOffset OutageStartedAt { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? Resolution { get; init; }
}
