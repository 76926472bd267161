using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitoring.Hosting;

namespace Monitoring.Cases;

public static class CasesExtensions
{
    /// <summary>The case lifecycle that detection and the API both act through, with the outbox writes of its changes.</summary>
    public static IServiceCollection AddMonitoringCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<CasesOptions>(configuration, CasesOptions.Section, o => o.Problems());
        services.TryAddSingleton<CasePlaybook>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CaseMetrics>();
        services.TryAddSingleton(new TicketRouting(
            configuration.GetSection("Notifications:Tickets").GetChildren().Select(t => t.Key).Order(StringComparer.Ordinal).ToList()));
        services.TryAddSingleton<CaseNotifications>();
        services.TryAddSingleton<CaseLifecycle>();
        return services;
    }
}
