using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;
using Monitoring.Core.Stores;
using Monitoring.Hosting;
using Monitoring.Storage.Series;
using Monitoring.Storage.Sqlite;

namespace Monitoring.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// The state store (devices, cases, contacts, maintenance windows, customers, the notification outbox, keys), the live
    /// fleet restored from it at start, and the time-series store chosen by <c>Metrics:Provider</c>.
    /// </summary>
    public static IServiceCollection AddMonitoringStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StorageOptions>(configuration, StorageOptions.Section, o => o.Problems());
        services.AddSettings<DetectionOptions>(configuration, DetectionOptions.Section, o => o.Problems());
        services.TryAddSingleton(sp => new LiveFleet(sp.GetRequiredService<IOptions<DetectionOptions>>().Value));
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<IDeviceStore, SqliteDeviceStore>();
        services.AddSingleton<ICaseStore, SqliteCaseStore>();
        services.AddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<IContactStore, SqliteContactStore>();
        services.AddSingleton<IMaintenanceStore, SqliteMaintenanceStore>();
        services.AddSingleton<ICustomerStore, SqliteCustomerStore>();
        services.AddSingleton<INotificationOutbox, SqliteOutbox>();
        services.AddSingleton<IDeviceJournal, DeviceJournal>();
        services.AddHostedService<FleetLoader>();
        services.AddSeries(configuration);
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return services;
    }
}
