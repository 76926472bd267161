using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Core.Stores;

namespace Monitoring.Storage.Series;

/// <summary>
/// Flushes the series buffer every <c>Metrics:FlushInterval</c>, for points no acknowledgement waits on (state changes
/// that detection found), and once more at shutdown.
/// </summary>
internal sealed partial class SeriesFlusher(ISeriesRecorder recorder, IOptions<MetricsOptions> options, TimeProvider time, ILogger<SeriesFlusher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await recorder.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlushFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing time-series points failed; they are kept and tried again")]
    private partial void LogFlushFailed(Exception ex);
}
