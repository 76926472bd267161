using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Core.Stores;
using Monitoring.Hosting;
using Monitoring.Storage.Influx;

namespace Monitoring.Storage.Series;

/// <summary>The time-series part of storage, by <c>Metrics:Provider</c>: SQLite (embedded), InfluxDB, or none.</summary>
internal static class SeriesRegistration
{
    public static IServiceCollection AddSeries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<MetricsOptions>(configuration, MetricsOptions.Section, o => o.Problems());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SeriesMetrics>();
        var provider = configuration[$"{MetricsOptions.Section}:Provider"] ?? MetricsOptions.SqliteProvider;
        if (string.Equals(provider, MetricsOptions.NoneProvider, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<NoSeries>();
            services.AddSingleton<ISeriesRecorder>(sp => sp.GetRequiredService<NoSeries>());
            services.AddSingleton<ISeriesReader>(sp => sp.GetRequiredService<NoSeries>());
        }
        else if (string.Equals(provider, MetricsOptions.InfluxProvider, StringComparison.OrdinalIgnoreCase))
        {
            services.AddHttpClient(InfluxEndpoint.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                    ConnectTimeout = TimeSpan.FromSeconds(5),
                });
            services.AddSingleton(sp => new InfluxEndpoint(Influx(sp)));
            services.AddSingleton(sp => new SeriesSpool(sp.GetRequiredService<IOptions<MetricsOptions>>().Value.Spool,
                sp.GetRequiredService<SeriesMetrics>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<SeriesSpool>()));
            services.AddSingleton(sp => new InfluxWriter(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<InfluxEndpoint>(), Influx(sp),
                sp.GetRequiredService<SeriesMetrics>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<InfluxWriter>()));
            services.AddSingleton(sp => new InfluxSeriesSink(sp.GetRequiredService<InfluxWriter>(), sp.GetRequiredService<SeriesSpool>(), Influx(sp),
                sp.GetRequiredService<SeriesMetrics>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<InfluxSeriesSink>()));
            services.AddSingleton<ISeriesSink>(sp => sp.GetRequiredService<InfluxSeriesSink>());
            services.AddSingleton<ISeriesReader, InfluxSeriesReader>();
            services.AddHostedService<SpoolSender>();
            AddBuffer(services);
        }
        else
        {
            services.AddSingleton(sp => new SqliteSeriesStore(sp.GetRequiredService<IOptions<MetricsOptions>>().Value.Sqlite, sp.GetRequiredService<SeriesMetrics>()));
            services.AddSingleton<ISeriesSink>(sp => sp.GetRequiredService<SqliteSeriesStore>());
            services.AddSingleton<ISeriesReader>(sp => sp.GetRequiredService<SqliteSeriesStore>());
            services.AddHostedService<SeriesMaintenance>();
            AddBuffer(services);
        }

        services.AddHealthChecks().AddCheck<SeriesHealthCheck>("series", tags: ["ready"]);
        return services;
    }

    private static void AddBuffer(IServiceCollection services)
    {
        services.AddSingleton<SeriesBuffer>();
        services.AddSingleton<ISeriesRecorder>(sp => sp.GetRequiredService<SeriesBuffer>());
        services.AddHostedService<SeriesFlusher>();
    }

    private static InfluxOptions Influx(IServiceProvider sp) => sp.GetRequiredService<IOptions<MetricsOptions>>().Value.Influx;
}
