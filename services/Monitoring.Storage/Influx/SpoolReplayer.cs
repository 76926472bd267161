using Microsoft.Extensions.Hosting;

namespace Monitoring.Storage.Influx;

/// <summary>Replays the series spool into InfluxDB, oldest first, backing off while InfluxDB still cannot take it.</summary>
internal sealed class SpoolReplayer(InfluxSeriesSink sink, TimeProvider time) : BackgroundService
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
                    await sink.WaitForSpooledAsync(Idle, stoppingToken);
                    continue;
                }

                if (await sink.ReplayOneAsync(stoppingToken))
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
