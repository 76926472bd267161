namespace Monitoring.Core.Stores;

/// <summary>What asking to retry a delivery did.</summary>
public enum RetryOutcome
{
    Retried,
    NotFound,
    NotDead,
}
