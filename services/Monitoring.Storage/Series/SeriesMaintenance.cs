using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitoring.Storage.Series;

/// <summary>Applies <c>Metrics:Retention</c> and downsampling to the SQLite series every <c>Metrics:Sqlite:MaintenanceInterval</c>.</summary>
internal sealed partial class SeriesMaintenance(SqliteSeriesStore store, IOptions<MetricsOptions> options, TimeProvider time, ILogger<SeriesMaintenance> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var timer = new PeriodicTimer(o.Sqlite.MaintenanceInterval, time);
        try
        {
            do
            {
                try
                {
                    var (deleted, downsampled) = await store.MaintainAsync(time.GetUtcNow(), o.Retention, o.Sqlite.DownsampleAfter, o.Sqlite.DownsampleStep, stoppingToken);
                    LogMaintained(deleted, downsampled);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Series maintenance: {Deleted} expired rows deleted, {Downsampled} rows changed by downsampling")]
    private partial void LogMaintained(int deleted, int downsampled);

    [LoggerMessage(Level = LogLevel.Error, Message = "Series maintenance (retention, downsampling) failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}
