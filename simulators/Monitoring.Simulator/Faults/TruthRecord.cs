namespace Monitoring.Simulator;

/// <summary>
/// One line of the ground-truth file. <see cref="Start"/> is the last heartbeat actually sent before the fault (the
/// earliest among the affected publishers), <see cref="End"/> when the fault ended, if it did. A <c>customer_calls</c>
/// line also carries <see cref="At"/>, <see cref="Customer"/>, <see cref="Cause"/> (the fault's scenario) and whether
/// the server took the contact (<see cref="Delivered"/>).
/// </summary>
internal sealed record TruthRecord
{
    public required string Scenario { get; init; }
    public required string Tenant { get; init; }
    public required FaultSubject Subject { get; init; }
    public IReadOnlyList<string> Devices { get; init; } = [];
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public DateTimeOffset? InjectedAt { get; init; }
    public DateTimeOffset? RunStartedAt { get; init; }
    public DateTimeOffset? At { get; init; }
    public string? Customer { get; init; }
    public string? Cause { get; init; }
    public bool? Delivered { get; init; }
    public string? Note { get; init; }

    /// <summary>On the <c>run</c> line: every tenant of the fleet, so verify reads all their cases.</summary>
    public IReadOnlyList<string>? Tenants { get; init; }
}
