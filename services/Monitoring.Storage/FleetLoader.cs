using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Core.Devices;
using Monitoring.Core.Stores;
using Monitoring.Storage.Sqlite;

namespace Monitoring.Storage;

/// <summary>Migrates the store and restores every device into the live fleet before ingestion or detection start.</summary>
internal sealed partial class FleetLoader(SqliteDatabase database, IDeviceStore devices, LiveFleet fleet, ILogger<FleetLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var device in await devices.LoadAllAsync(cancellationToken))
        {
            fleet.Load(device);
        }

        LogLoaded(fleet.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored {Count} devices from the store in {Milliseconds:0} ms")]
    private partial void LogLoaded(int count, double milliseconds);
}
