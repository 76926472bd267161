using Microsoft.Extensions.Hosting;

namespace Monitoring.Storage.Influx;

/// <summary>Sends the series spool to InfluxDB, oldest first, as soon as anything is in it; backs off while InfluxDB cannot take it.</summary>
internal sealed class SpoolSender(InfluxSeriesSink sink, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (sink.Spool.IsEmpty)
                {
                    backoff = FirstBackoff;
                    await sink.WaitForAppendAsync(Idle, stoppingToken);
                    continue;
                }

                if (await sink.SendNextAsync(stoppingToken))
                {
                    backoff = FirstBackoff;
                    continue;
                }

                await Task.Delay(backoff, time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
