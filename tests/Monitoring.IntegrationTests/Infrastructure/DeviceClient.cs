using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// A device (or any MQTT client) over a real MQTTnet 5 connection: heartbeats and status at QoS 1, an optional
/// Last Will, and the messages of its subscriptions.
/// </summary>
public sealed class DeviceClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();

    private DeviceClient(IMqttClient client, MqttClientConnectResult connected, string root)
    {
        _client = client;
        Connected = connected;
        Root = root;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public MqttClientConnectResult Connected { get; }

    public string Root { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>
    /// Connects to <paramref name="port"/> on loopback. <paramref name="clientId"/> may be empty, to ask the broker for
    /// one; <paramref name="will"/> sets an MQTT Last Will (retained, QoS 1) for <paramref name="willTopic"/>.
    /// </summary>
    public static async Task<DeviceClient> ConnectAsync(
        int port, string? clientId = null, MqttProtocolVersion version = MqttProtocolVersion.V500, string root = "fleet",
        string? willTopic = null, string? will = null, string host = "127.0.0.1")
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId ?? $"dev-{Guid.NewGuid():N}")
            .WithProtocolVersion(version)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (willTopic is not null && will is not null)
        {
            builder
                .WithWillTopic(willTopic)
                .WithWillPayload(Encoding.UTF8.GetBytes(will))
                .WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            var connected = await client.ConnectAsync(builder.Build());
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"the broker refused the connection: {connected.ResultCode}");
            }

            return new DeviceClient(client, connected, root);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public static string HeartbeatTopic(string root, string tenant, string deviceId) => $"{root}/{tenant}/{deviceId}/heartbeat";

    public static string StatusTopic(string root, string tenant, string deviceId) => $"{root}/{tenant}/{deviceId}/status";

    /// <summary>Publishes a heartbeat: <paramref name="payload"/> is a JSON string or an object serialized as JSON.</summary>
    public Task PublishHeartbeatAsync(string tenant, string deviceId, object? payload = null) =>
        PublishAsync(HeartbeatTopic(Root, tenant, deviceId), payload is string text ? text : JsonSerializer.Serialize(payload ?? new { }));

    /// <summary>Publishes <c>{"state": state}</c> on the device's status topic.</summary>
    public Task PublishStatusAsync(string tenant, string deviceId, string state, bool retain) =>
        PublishAsync(StatusTopic(Root, tenant, deviceId), JsonSerializer.Serialize(new { state }), retain);

    public Task PublishAsync(string topic, string payload, bool retain = false) =>
        PublishAsync(topic, Encoding.UTF8.GetBytes(payload), retain);

    /// <summary>Publishes at QoS 1 and waits for the broker's PUBACK.</summary>
    public async Task PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        var result = await _client.PublishAsync(message);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"publishing to {topic} failed: {result.ReasonCode} {result.ReasonString}");
        }
    }

    public async Task SubscribeAsync(string topicFilter)
    {
        var options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(topicFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build();
        await _client.SubscribeAsync(options);
    }

    /// <summary>The next message received on a subscription whose topic is <paramref name="topic"/>.</summary>
    public async Task<MqttApplicationMessage> ReceiveAsync(string topic, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var message = await _received.Reader.ReadAsync(cts.Token);
                if (message.Topic == topic)
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no message on {topic} within {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>A graceful close: DISCONNECT, so the broker discards the Last Will.</summary>
    public async Task DisconnectAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build());
        }
    }

    /// <summary>
    /// An ungraceful end, like a power cut: the TCP connection closes without an MQTT DISCONNECT, so the broker
    /// publishes the Last Will. MQTTnet's Dispose closes the socket without sending DISCONNECT.
    /// </summary>
    public void DropConnection() => _client.Dispose();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisconnectAsync();
        }
        catch (Exception ex) when (ex is MqttCommunicationException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // Already dropped or the broker is gone: nothing left to close gracefully.
        }

        _client.Dispose();
    }
}
