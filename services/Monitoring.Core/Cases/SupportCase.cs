using System.Text.Json.Serialization;

namespace Monitoring.Core.Cases;

/// <summary>One support case, in the shape of CONTRACT §3. <see cref="Version"/> guards concurrent writers.</summary>
public sealed record SupportCase
{
    public required string Id { get; init; }
    public required string Tenant { get; init; }
    public required string Kind { get; init; }
    public string Status { get; init; } = CaseStatus.Open;
    public string Severity { get; init; } = CaseSeverity.Minor;
    public required CaseSubject Subject { get; init; }
    public IReadOnlyList<string> Devices { get; init; } = [];
    public string? Customer { get; init; }
    public string? Site { get; init; }
    public required string Title { get; init; }
    public required string SuspectedCause { get; init; }
    public IReadOnlyList<string> SuggestedSteps { get; init; } = [];
    public DateTimeOffset OutageStartedAt { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? Resolution { get; init; }
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];
    [JsonIgnore]
    public long Version { get; init; }

    [JsonIgnore]
    public bool IsActive => CaseStatus.IsActive(Status);

    public SupportCase Append(TimelineEntry entry) => this with { Timeline = [.. Timeline, entry] };
}
