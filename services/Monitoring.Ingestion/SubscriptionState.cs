namespace Monitoring.Ingestion;

/// <summary>Whether the ingestion worker holds an active subscription: the readiness of the ingest role.</summary>
public sealed class SubscriptionState
{
    private volatile bool _active;

    public bool IsActive => _active;

    internal void Set(bool active) => _active = active;
}
