using System.Diagnostics;

namespace Monitoring.Simulator;

/// <summary>Waits until the server has ingested what was published, and reports the end-to-end rate.</summary>
internal sealed class IngestionWatch(ServerMetrics metrics, TextWriter output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task WaitAsync(double before, long published, Stopwatch started, CancellationToken cancellationToken)
    {
        var target = before + published;
        var lastProgress = started.Elapsed;
        var last = -1d;
        while (true)
        {
            var ingested = await metrics.IngestedAsync(cancellationToken);
            if (ingested >= target)
            {
                var seconds = started.Elapsed.TotalSeconds;
                output.WriteLine($"server ingested all of them {seconds:0.00} s after the first publish: {published / seconds:0} msg/s end to end");
                return;
            }

            if (ingested > last)
            {
                last = ingested;
                lastProgress = started.Elapsed;
            }
            else if (started.Elapsed - lastProgress > Patience)
            {
                output.WriteLine($"server stalled at {ingested - before} of {published} ingested messages");
                return;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
