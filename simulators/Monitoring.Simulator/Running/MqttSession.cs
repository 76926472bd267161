using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Monitoring.Simulator;

/// <summary>
/// One MQTT 5 connection, optionally with a device's Sparkplug-style presence: a retained <c>online</c> birth after each
/// connect and a retained <c>offline</c> Last Will. A supervising loop calls <see cref="EnsureConnectedAsync"/>; nothing
/// reconnects from inside the disconnect event.
/// </summary>
internal sealed class MqttSession : IDisposable
{
    private static readonly byte[] Online = """{"state":"online"}"""u8.ToArray();
    private static readonly byte[] Offline = """{"state":"offline"}"""u8.ToArray();

    private IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly string? _statusTopic;
    private readonly BrokerGaps _gaps;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private volatile bool _wanted = true;

    public MqttSession(string host, int port, string clientId, string? statusTopic, BrokerGaps gaps)
    {
        _statusTopic = statusTopic;
        _gaps = gaps;
        _client = CreateClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(15));
        if (statusTopic is not null)
        {
            builder.WithWillTopic(statusTopic).WithWillPayload(Offline).WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        _options = builder.Build();
    }

    private IMqttClient CreateClient()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.DisconnectedAsync += _ =>
        {
            if (_wanted)
            {
                _gaps.ConnectionLost();
            }

            return Task.CompletedTask;
        };
        return client;
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Whether the session should be up: false while a fault keeps the device away.</summary>
    public bool Wanted => _wanted;

    public async Task<bool> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (!_wanted || _client.IsConnected)
        {
            return _client.IsConnected;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (!_wanted || _client.IsConnected)
            {
                return _client.IsConnected;
            }

            await _client.ConnectAsync(_options, cancellationToken);
            if (_statusTopic is not null)
            {
                await PublishAsync(_statusTopic, Online, retain: true, cancellationToken);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The supervising loop tries again in a second: a refused or timed-out connect is what a broker restart looks like.
            return false;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            var result = await _client.PublishAsync(message, cancellationToken);
            return result.IsSuccess;
        }
        catch (Exception e) when (e is MqttCommunicationException or MqttClientNotConnectedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Drops the connection the way a device losing power does: no DISCONNECT, so the broker publishes the Last Will.</summary>
    public async Task DropAsync(CancellationToken cancellationToken)
    {
        _wanted = false;
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            // Disposing a connected client closes its socket without a DISCONNECT packet: an ungraceful loss, as a power cut.
            // (MQTT 5's "disconnect with will message" reason is not honoured by every broker, the embedded one included.)
            var dropped = _client;
            _client = CreateClient();
            dropped.Dispose();
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>Lets the supervising loop bring the connection back.</summary>
    public void Allow() => _wanted = true;

    /// <summary>Ends the session cleanly at the end of a run: no will.</summary>
    public async Task CloseAsync()
    {
        _wanted = false;
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            }
            catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException)
            {
            }
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _connecting.Dispose();
    }
}
