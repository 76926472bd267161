using System.Buffers;

namespace Monitoring.Simulator;

/// <summary>
/// Publishes every publisher's heartbeat at its own interval, each one up to the jitter early or late, QoS 1, with a
/// bounded number in flight. A silenced publisher is skipped; a gateway's heartbeat also counts for its children.
/// </summary>
internal sealed class HeartbeatScheduler(SyntheticFleet fleet, SessionPool sessions, RunCounters counters, BrokerGaps gaps,
    TimeProvider time, FleetSettings settings)
{
    private const int Inflight = 1000;
    private static readonly TimeSpan EarlyEnough = TimeSpan.FromMilliseconds(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed ^ 0x5EED);
        var queue = new PriorityQueue<FleetDevice, DateTimeOffset>(fleet.Publishers.Count);
        var start = time.GetUtcNow();
        foreach (var publisher in fleet.Publishers)
        {
            // Spread the first heartbeats over one interval, as a fleet that was already running would be.
            queue.Enqueue(publisher, start + publisher.Interval * random.NextDouble());
        }

        using var window = new SemaphoreSlim(Inflight);
        var buffer = new ArrayBufferWriter<byte>(1024);
        try
        {
            while (!cancellationToken.IsCancellationRequested && queue.TryPeek(out _, out var due))
            {
                // A timer wait costs about a millisecond or more: heartbeats due within the next few are sent at once, so a
                // fleet of thousands does not fall behind its own schedule.
                var wait = due - time.GetUtcNow();
                if (wait > EarlyEnough)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                var publisher = queue.Dequeue();
                var factor = 1 + settings.Jitter * (2 * random.NextDouble() - 1);
                queue.Enqueue(publisher, due + publisher.Interval * factor);
                if (publisher.Silenced)
                {
                    continue;
                }

                var session = sessions.For(publisher);
                if (!session.IsConnected)
                {
                    counters.CountSkipped();
                    continue;
                }

                var now = time.GetUtcNow();
                buffer.ResetWrittenCount();
                HeartbeatWriter.Write(publisher, buffer, now);
                var payload = buffer.WrittenMemory.ToArray();
                await window.WaitAsync(cancellationToken);
                _ = PublishAsync(session, publisher, payload, now, window, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        // Let what is in flight be acknowledged, so the last heartbeats are known before the run reports.
        for (var i = 0; i < Inflight; i++)
        {
            if (!await window.WaitAsync(TimeSpan.FromSeconds(5)))
            {
                break;
            }
        }
    }

    private async Task PublishAsync(MqttSession session, FleetDevice publisher, byte[] payload, DateTimeOffset sentAt,
        SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            var topic = $"{settings.TopicRoot}/{publisher.Tenant}/{publisher.Id}/heartbeat";
            if (await session.PublishAsync(topic, payload, retain: false, cancellationToken))
            {
                publisher.MarkSent(sentAt);
                foreach (var child in publisher.Children)
                {
                    if (!child.ReportedDown)
                    {
                        child.MarkSent(sentAt);
                    }
                }

                gaps.Acknowledged(sentAt);
                counters.CountSent();
            }
            else
            {
                counters.CountFailed();
            }
        }
        catch (OperationCanceledException)
        {
            counters.CountFailed();
        }
        finally
        {
            window.Release();
        }
    }
}
