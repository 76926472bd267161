using Monitoring.Core.Cases;

namespace Monitoring.Cases;

/// <summary>The outcome of an operator's action on a case.</summary>
public sealed record OperatorActionResult(OperatorActionOutcome Outcome, SupportCase? Case, string? Problem = null)
{
    public static OperatorActionResult NotFound { get; } = new(OperatorActionOutcome.NotFound, null);
}

public enum OperatorActionOutcome
{
    Done,
    NotFound,
    NotAllowed,
}
