using System.Buffers;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Monitoring.Simulator;

/// <summary>
/// Publishes heartbeats for many distinct devices multiplexed over a few MQTT 5 connections, QoS 1, as fast as the
/// broker acknowledges them (a bounded number in flight per connection), and reports the publish rate.
/// </summary>
internal sealed class LoadRun(LoadSettings settings, TextWriter output)
{
    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        var devices = Enumerable.Range(0, settings.Devices).Select(i => new SimulatedDevice(
            settings.Tenant, $"dev-{i:D7}", $"site-{i / 50:D5}", $"cust-{i / 10:D6}", i % 3 == 0 ? "HB-200" : "SN-10", "2.4.1", 30,
            new Random(random.Next()))).ToArray();
        var clients = new List<IMqttClient>();
        try
        {
            for (var c = 0; c < settings.Connections; c++)
            {
                clients.Add(await ConnectAsync(c, cancellationToken));
            }

            var perConnection = settings.Messages / settings.Connections;
            var stopwatch = Stopwatch.StartNew();
            var published = await Task.WhenAll(clients.Select((client, c) =>
                PublishAsync(client, devices, c, perConnection + (c < settings.Messages % settings.Connections ? 1 : 0), cancellationToken)));
            stopwatch.Stop();
            var total = published.Sum();
            output.WriteLine($"published {total} heartbeats for {settings.Devices} devices over {settings.Connections} connections in {stopwatch.Elapsed.TotalSeconds:0.00} s: {total / stopwatch.Elapsed.TotalSeconds:0} msg/s acknowledged by the broker");
            return new LoadResult(total, stopwatch.Elapsed);
        }
        finally
        {
            foreach (var client in clients)
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(cancellationToken: CancellationToken.None);
                }

                client.Dispose();
            }
        }
    }

    private async Task<IMqttClient> ConnectAsync(int index, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId($"simulator-{settings.Seed}-{index}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        await client.ConnectAsync(options, cancellationToken);
        return client;
    }

    private async Task<long> PublishAsync(IMqttClient client, SimulatedDevice[] devices, int connection, long count, CancellationToken cancellationToken)
    {
        using var window = new SemaphoreSlim(settings.Inflight);
        var buffer = new ArrayBufferWriter<byte>(512);
        var failures = 0L;
        var next = connection;
        for (long i = 0; i < count; i++)
        {
            var device = devices[next];
            next = (next + settings.Connections) % devices.Length;
            buffer.ResetWrittenCount();
            device.WriteHeartbeat(buffer, TimeProvider.System.GetUtcNow());
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(device.HeartbeatTopic)
                .WithPayload(buffer.WrittenMemory.ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await window.WaitAsync(cancellationToken);
            _ = client.PublishAsync(message, cancellationToken).ContinueWith(t =>
            {
                if (!t.IsCompletedSuccessfully || !t.Result.IsSuccess)
                {
                    Interlocked.Increment(ref failures);
                }

                window.Release();
            }, TaskScheduler.Default);
        }

        for (var i = 0; i < settings.Inflight; i++)
        {
            await window.WaitAsync(cancellationToken);
        }

        if (failures > 0)
        {
            output.WriteLine($"connection {connection}: {failures} publishes were not acknowledged");
        }

        return count - failures;
    }
}

internal sealed record LoadResult(long Published, TimeSpan Elapsed);
