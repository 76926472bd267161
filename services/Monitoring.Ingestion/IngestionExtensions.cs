using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;
using Monitoring.Hosting;

namespace Monitoring.Ingestion;

public static class IngestionExtensions
{
    /// <summary>The embedded MQTT broker (role <c>broker</c> in Embedded mode).</summary>
    public static IServiceCollection AddMonitoringBroker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<MqttOptions>(configuration, MqttOptions.Section, o => o.Problems());
        services.AddHostedService<EmbeddedBroker>();
        return services;
    }

    /// <summary>The ingestion worker: MQTT subscription, decoding, live state and batched durable writes.</summary>
    public static IServiceCollection AddMonitoringIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<MqttOptions>(configuration, MqttOptions.Section, o => o.Problems());
        services.AddSettings<IngestionOptions>(configuration, IngestionOptions.Section, o => o.Problems());
        services.AddSettings<DetectionOptions>(configuration, DetectionOptions.Section, o => o.Problems());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LiveFleet(sp.GetRequiredService<IOptions<DetectionOptions>>().Value));
        services.TryAddSingleton(sp => new MonitorSight(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.TryAddSingleton(sp => new LinkQualityWatch(sp.GetRequiredService<IOptions<DetectionOptions>>().Value));
        services.TryAddSingleton<SubscriptionState>();
        services.TryAddSingleton<IngestionMetrics>();
        services.TryAddSingleton<RejectionLog>();
        services.TryAddSingleton<HeartbeatIngestor>();
        services.TryAddSingleton<AcknowledgementBatcher>();
        services.AddHostedService<MqttIngestionWorker>();
        services.AddHealthChecks().AddCheck<BrokerHealthCheck>("broker", tags: ["ready"]);
        return services;
    }
}
