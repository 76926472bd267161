using System.Collections.Concurrent;
using System.Text;
using Monitoring.Ingestion;
using Monitoring.IntegrationTests.Deps;
using Monitoring.IntegrationTests.Infrastructure;
using MQTTnet;
using MQTTnet.Formatter;

namespace Monitoring.IntegrationTests.Ingestion;

/// <summary>
/// The ingestion connection on a real Mosquitto holds a backlog to the Receive Maximum it granted, however the broker
/// counts: messages beyond it stay queued at the broker until earlier ones are acknowledged.
/// </summary>
public sealed class ReceiveMaximumTests
{
    private const int ReceiveMaximum = 20;
    private const int Messages = 300;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Backlog_AcknowledgedInRounds_NeverHasMoreThanReceiveMaximumUnacknowledged_AndArrivesWhole()
    {
        var (host, port) = LocalDeps.Mosquitto();
        var root = UniqueId.New("t");
        var clientId = UniqueId.New("guard");
        await using (var publisher = await DeviceClient.ConnectAsync(port, root: root, host: host))
        {
            // A persistent session subscribed before the backlog is published, so the broker queues it for the worker.
            using var first = await ConnectWorkerAsync(host, port, clientId, root, onMessage: _ => { });
            await first.DisconnectAsync();
            for (var i = 0; i < Messages; i++)
            {
                await publisher.PublishAsync($"{root}/acme/dev-{i}/heartbeat", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        var received = new ConcurrentQueue<MqttApplicationMessageReceivedEventArgs>();
        var seen = new ConcurrentDictionary<string, int>();
        long acknowledged = 0;
        var mostUnacknowledged = 0;
        // As the worker does, from its own loop: let a batch gather, then acknowledge all of it. It runs from before the
        // connection, since the queued backlog arrives ahead of the SUBACK.
        var acknowledging = Task.Run(async () =>
        {
            var deadline = DateTime.UtcNow + Patience;
            while (seen.Count < Messages && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                while (received.TryDequeue(out var args))
                {
                    // Counted first: the next message may arrive the moment the PUBACK is out.
                    Interlocked.Increment(ref acknowledged);
                    await args.AcknowledgeAsync(CancellationToken.None);
                }
            }
        });
        using var worker = await ConnectWorkerAsync(host, port, clientId, root, args =>
        {
            seen.AddOrUpdate(Encoding.UTF8.GetString(args.ApplicationMessage.Payload), 1, (_, n) => n + 1);
            var unacknowledged = (int)(seen.Values.Sum() - Interlocked.Read(ref acknowledged));
            InterlockedMax(ref mostUnacknowledged, unacknowledged);
            received.Enqueue(args);
        });

        await acknowledging;
        Assert.Equal(Messages, seen.Count);
        Assert.All(seen.Values, n => Assert.Equal(1, n));
        Assert.InRange(mostUnacknowledged, 1, ReceiveMaximum);
    }

    /// <summary>A client built as the ingestion worker builds its own, acknowledging only when the test says so.</summary>
    private static async Task<IMqttClient> ConnectWorkerAsync(string host, int port, string clientId, string root, Action<MqttApplicationMessageReceivedEventArgs> onMessage)
    {
        var client = new MqttClientFactory().CreateMqttClient(new IngestionAdapterFactory());
        client.ApplicationMessageReceivedAsync += args =>
        {
            args.AutoAcknowledge = false;
            onMessage(args);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(600)
            .WithReceiveMaximum(ReceiveMaximum)
            .Build();
        await client.ConnectAsync(options);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic($"{root}/#").WithAtLeastOnceQoS()).Build());
        return client;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var previous = Interlocked.CompareExchange(ref target, value, current);
            if (previous == current)
            {
                return;
            }

            current = previous;
        }
    }
}
