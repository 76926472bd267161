using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Monitoring.Core.Detection;

namespace Monitoring.Ingestion;

/// <summary>
/// The ingestion worker's MQTT 5 session: a persistent session (clean start off) so QoS 1 messages wait for it at the
/// broker while it is away, a supervising reconnect loop, and manual acknowledgement: each message is applied to the
/// live fleet as it arrives and acknowledged only after the batch that holds its change is durably written.
/// </summary>
internal sealed partial class MqttIngestionWorker : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private readonly MqttOptions _options;
    private readonly HeartbeatIngestor _ingestor;
    private readonly AcknowledgementBatcher _batcher;
    private readonly MonitorSight _sight;
    private readonly SubscriptionState _subscription;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttIngestionWorker> _logger;
    private readonly IMqttClient _client;
    private volatile bool _accepting = true;

    public MqttIngestionWorker(
        IOptions<MqttOptions> options, HeartbeatIngestor ingestor, AcknowledgementBatcher batcher, MonitorSight sight,
        SubscriptionState subscription, TimeProvider time, ILogger<MqttIngestionWorker> logger)
    {
        _options = options.Value;
        _ingestor = ingestor;
        _batcher = batcher;
        _sight = sight;
        _subscription = subscription;
        _time = time;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient(new IngestionAdapterFactory());
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batching = _batcher.RunAsync(stoppingToken);
        try
        {
            await SuperviseConnectionAsync(stoppingToken);
        }
        finally
        {
            // Messages that arrive from here on stay unacknowledged: the broker hands them over again next time.
            _accepting = false;
            await batching;
            await _batcher.DrainAsync(CancellationToken.None);
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build());
            }

            _client.Dispose();
        }
    }

    private async Task SuperviseConnectionAsync(CancellationToken stoppingToken)
    {
        var clientOptions = BuildClientOptions();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                await TryConnectAsync(clientOptions, stoppingToken);
            }

            try
            {
                await Task.Delay(ReconnectDelay, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task TryConnectAsync(MqttClientOptions clientOptions, CancellationToken stoppingToken)
    {
        try
        {
            var connected = await _client.ConnectAsync(clientOptions, stoppingToken);
            var filter = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(_options.SubscriptionFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build();
            var subscribed = await _client.SubscribeAsync(filter, stoppingToken);
            var code = subscribed.Items.First().ResultCode;
            if (code > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                throw new InvalidOperationException($"the broker refused the subscription to {_options.SubscriptionFilter}: {code}");
            }

            _sight.Connected(_time.GetUtcNow());
            _subscription.Set(true);
            LogConnected(_options.Host, _options.Port, _options.SubscriptionFilter, connected.IsSessionPresent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogConnectFailed(_options.Host, _options.Port, ex.Message);
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(cancellationToken: CancellationToken.None);
            }
        }
    }

    private MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.IsEmbedded ? "127.0.0.1" : _options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)_options.ReceiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder.WithCredentials(_options.Username, _options.Password);
        }

        return builder.Build();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        args.AutoAcknowledge = false;
        if (!_accepting)
        {
            return Task.CompletedTask;
        }

        var message = args.ApplicationMessage;
        var receivedAt = _time.GetUtcNow();
        var payload = message.Payload;
        if (payload.IsSingleSegment)
        {
            _ingestor.Ingest(message.Topic, payload.FirstSpan, message.Retain, receivedAt);
        }
        else
        {
            var length = (int)payload.Length;
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                payload.CopyTo(buffer);
                _ingestor.Ingest(message.Topic, buffer.AsSpan(0, length), message.Retain, receivedAt);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return _batcher.EnqueueAsync(args, receivedAt).AsTask();
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        _subscription.Set(false);
        _sight.Disconnected(_time.GetUtcNow());
        if (args.ClientWasConnected)
        {
            LogDisconnected(args.Reason.ToString(), args.Exception?.Message);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to MQTT broker {Host}:{Port}, subscribed to {Filter} (session present: {SessionPresent})")]
    private partial void LogConnected(string host, int port, string filter, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to MQTT broker {Host}:{Port}: {Reason}; retrying")]
    private partial void LogConnectFailed(string host, int port, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the MQTT broker connection ({Reason}): {Error}; devices are not judged by silence until it is back")]
    private partial void LogDisconnected(string reason, string? error);
}
