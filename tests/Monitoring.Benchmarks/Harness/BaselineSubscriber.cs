using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// The floor the server is measured against: a bare MQTTnet 5 subscriber on the same shared subscription, QoS 1 with
/// MQTTnet's automatic acknowledgement and the server's Receive Maximum (8192), that only counts what arrives.
/// </summary>
internal sealed class BaselineSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _received;
    private long _bytes;
    private long _firstTicks = -1;
    private long _lastTicks;

    public long Received => Interlocked.Read(ref _received);
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>From the first to the last message received.</summary>
    public TimeSpan Span => TimeSpan.FromTicks(Interlocked.Read(ref _lastTicks) - Interlocked.Read(ref _firstTicks));

    public TimeSpan SinceLast => _clock.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref _lastTicks));

    public async Task ConnectAsync(Broker broker, string clientId, string filter, int receiveMaximum)
    {
        _client.ApplicationMessageReceivedAsync += args =>
        {
            var now = _clock.Elapsed.Ticks;
            Interlocked.CompareExchange(ref _firstTicks, now, -1);
            Interlocked.Exchange(ref _lastTicks, now);
            Interlocked.Add(ref _bytes, args.ApplicationMessage.Payload.Length);
            Interlocked.Increment(ref _received);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithSessionExpiryInterval(0)
            .WithReceiveMaximum((ushort)receiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .Build();
        await _client.ConnectAsync(options);
        var subscribed = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        if (subscribed.Items.First().ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
        {
            throw new InvalidOperationException($"the broker refused {filter}: {subscribed.Items.First().ResultCode}");
        }
    }

    /// <summary>Starts counting afresh: what arrived so far (a warm-up) is not part of the measurement.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _firstTicks, -1);
    }

    /// <summary>Waits until <paramref name="expected"/> messages arrived, or nothing arrived for <paramref name="patience"/>.</summary>
    public async Task WaitForAsync(long expected, TimeSpan patience)
    {
        var last = -1L;
        var progressAt = _clock.Elapsed;
        while (Received < expected)
        {
            if (Received != last)
            {
                last = Received;
                progressAt = _clock.Elapsed;
            }
            else if (_clock.Elapsed - progressAt > patience)
            {
                return;
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
