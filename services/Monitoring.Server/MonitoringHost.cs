using Monitoring.Api;
using Monitoring.Cases;
using Monitoring.Detection;
using Monitoring.Ingestion;
using Monitoring.Notifications;
using Monitoring.Storage;
using Monitoring.Storage.Series;
using OpenTelemetry.Metrics;

namespace Monitoring.Server;

/// <summary>Composes the roles named in <c>Roles</c> into one process, reading like the flow of the system.</summary>
public static class MonitoringHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["Urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:8080");
        }

        var roles = Roles.Parse(builder.Configuration["Roles"]);
        var config = builder.Configuration;
        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(TimeProvider.System);
        services.AddMonitoringStorage(config);
        if (roles.Broker && IsEmbeddedBroker(config))
        {
            services.AddMonitoringBroker(config);
        }

        if (roles.Ingest)
        {
            services.AddMonitoringIngestion(config);
        }

        if (roles.NeedsCases)
        {
            services.AddMonitoringCases(config);
        }

        if (roles.Detect)
        {
            services.AddMonitoringDetection(config);
        }

        if (roles.Notify)
        {
            services.AddNotifications(config);
        }

        if (roles.Api)
        {
            services.AddMonitoringApi(config);
        }

        services.AddHostedService<FleetGauge>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(IngestionMetrics.MeterName, DetectionMetrics.MeterName, CaseMetrics.MeterName, NotificationMetrics.MeterName, FleetGauge.MeterName,
                SeriesMetrics.MeterName)
            .AddPrometheusExporter());

        var app = builder.Build();
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (roles.Api)
        {
            app.MapMonitoringApi();
        }

        return app;
    }

    private static bool IsEmbeddedBroker(IConfiguration config) =>
        string.Equals(config["Mqtt:Mode"] ?? "Embedded", "Embedded", StringComparison.OrdinalIgnoreCase);
}
