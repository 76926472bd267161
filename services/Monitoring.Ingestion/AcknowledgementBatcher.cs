using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using Monitoring.Core.Stores;

namespace Monitoring.Ingestion;

/// <summary>
/// Holds received messages until the changes they made are durable, then acknowledges them in arrival order.
/// A batch closes at <c>Ingestion:BatchSize</c> messages or <c>Ingestion:BatchWindow</c> after its first; one write
/// (one transaction) covers it. A failed write is retried and nothing is acknowledged until it succeeds.
/// </summary>
internal sealed partial class AcknowledgementBatcher
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private readonly Channel<(MqttApplicationMessageReceivedEventArgs Message, DateTimeOffset ReceivedAt)> _pending;
    private readonly IDeviceJournal _journal;
    private readonly ISeriesRecorder _series;
    private readonly IngestionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<AcknowledgementBatcher> _logger;
    private readonly int _batchSize;
    private readonly TimeSpan _window;

    public AcknowledgementBatcher(IOptions<IngestionOptions> options, IOptions<MqttOptions> mqtt, IDeviceJournal journal,
        ISeriesRecorder series, IngestionMetrics metrics, TimeProvider time, ILogger<AcknowledgementBatcher> logger)
    {
        _batchSize = options.Value.BatchSize;
        _window = options.Value.BatchWindow;
        _journal = journal;
        _series = series;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        // Bounded so a slow store pushes back on the MQTT connection instead of growing memory.
        _pending = Channel.CreateBounded<(MqttApplicationMessageReceivedEventArgs, DateTimeOffset)>(
            new BoundedChannelOptions(Math.Max(mqtt.Value.ReceiveMaximum, _batchSize) * 2) { SingleReader = true });
    }

    public ValueTask EnqueueAsync(MqttApplicationMessageReceivedEventArgs message, DateTimeOffset receivedAt) =>
        _pending.Writer.WriteAsync((message, receivedAt));

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(MqttApplicationMessageReceivedEventArgs Message, DateTimeOffset ReceivedAt)>(_batchSize);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                await FillAsync(batch, stoppingToken);
                await CommitAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // What was read but not committed is committed by DrainAsync.
            await CommitAsync(batch, CancellationToken.None);
        }
    }

    /// <summary>Writes and acknowledges whatever is still queued; used once at shutdown.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var batch = new List<(MqttApplicationMessageReceivedEventArgs Message, DateTimeOffset ReceivedAt)>();
        while (_pending.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        await CommitAsync(batch, cancellationToken);
    }

    private async Task FillAsync(List<(MqttApplicationMessageReceivedEventArgs, DateTimeOffset)> batch, CancellationToken stoppingToken)
    {
        using var window = new CancellationTokenSource(_window, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(window.Token, stoppingToken);
        while (batch.Count < _batchSize)
        {
            if (_pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
                if (batch.Count == 1)
                {
                    _metrics.Pending(item.Item2);
                }

                continue;
            }

            try
            {
                if (!await _pending.Reader.WaitToReadAsync(linked.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (window.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task CommitAsync(List<(MqttApplicationMessageReceivedEventArgs Message, DateTimeOffset ReceivedAt)> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await FlushUntilDurableAsync(cancellationToken);
        foreach (var (message, _) in batch)
        {
            try
            {
                await message.AcknowledgeAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The connection that delivered it is gone; the broker hands it over again on the next session.
                LogAckFailed(ex.Message);
                break;
            }
        }

        batch.Clear();
        _metrics.Pending(null);
    }

    private async Task FlushUntilDurableAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await _journal.FlushAsync(cancellationToken);
                // Written or spooled: the series recorder never fails for an unreachable store.
                await _series.FlushAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWriteFailed(ex);
                await Task.Delay(RetryDelay, _time, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a batch of device changes failed; retrying, nothing is acknowledged meanwhile")]
    private partial void LogWriteFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not acknowledge a message: {Reason}")]
    private partial void LogAckFailed(string reason);
}
