using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Ingestion;

internal sealed class BrokerHealthCheck(SubscriptionState subscription) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(subscription.IsActive
            ? HealthCheckResult.Healthy("subscribed to the broker")
            : HealthCheckResult.Unhealthy("not connected and subscribed to the broker"));
}
