using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Core.Cases;
using Monitoring.Core.Customers;
using Monitoring.Core.Notifications;
using Monitoring.Core.Stores;

namespace Monitoring.Notifications;

/// <summary>
/// The notify role: every <c>Notifications:PollInterval</c> it claims due outbox rows under a lease, lets the
/// customer gate hold or fold customers' messages, and delivers the rest through the Polly pipelines; a row ends
/// delivered, or dead after its last attempt. Stopping gives in-flight rows back at once; a killed worker's rows
/// return when their lease lapses.
/// </summary>
internal sealed partial class OutboxDispatcher(
    INotificationOutbox outbox, ICustomerStore customers, ICaseStore cases, DeliveryPipelines pipelines, DeliverySender sender,
    NotificationMetrics metrics, IOptions<NotificationOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _worker = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly NotificationOptions _options = options.Value;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private int _busy;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken);
                await Task.Delay(_options.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogPollFailed(e);
                await Task.Delay(_options.PollInterval, time, CancellationToken.None);
            }
        }

        await Task.WhenAll(_inFlight.Keys);
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var free = _options.Concurrency - Volatile.Read(ref _busy);
        if (free <= 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var claimed = await outbox.ClaimDueAsync(_worker, now, _options.LeaseDuration, free, stoppingToken);
        foreach (var ticket in claimed.Where(d => d.Channel == NotificationChannel.Ticket))
        {
            Start([ticket], null, stoppingToken);
        }

        foreach (var contact in claimed.Where(d => NotificationChannel.IsCustomer(d.Channel)).GroupBy(d => (d.Tenant, d.Customer, d.Channel, d.Destination)))
        {
            var due = contact.ToList();
            var customer = contact.Key.Customer is { } id ? await customers.FindAsync(contact.Key.Tenant, id, stoppingToken) : null;
            var decision = await DecideAsync(due, customer, now, stoppingToken);
            if (decision.HoldUntil is { } until)
            {
                await outbox.PostponeAsync(due.Select(d => d.Id).ToList(), _worker, until, stoppingToken);
                LogHeld(due.Count, contact.Key.Tenant, contact.Key.Customer ?? "", decision.HoldReason ?? "", until);
                continue;
            }

            foreach (var send in decision.Sends)
            {
                Start(send, customer, stoppingToken);
            }
        }
    }

    private async Task<DispatchDecision> DecideAsync(List<Delivery> due, Customer? customer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lead = due[0];
        var active = await cases.CountActiveByKindAsync(lead.Tenant, cancellationToken);
        var fleetIncident = active.GetValueOrDefault(CaseKind.FleetIncident) > 0;
        // Premium customers' webhooks are machines: they get every message as it happens, never a digest.
        var email = lead.Channel == NotificationChannel.Email;
        var limit = email ? new CustomerLimit(_options.CustomerLimit, _options.CustomerLimitWindow) : new CustomerLimit(int.MaxValue, TimeSpan.Zero);
        var sent = email && _options.CustomerLimitWindow > TimeSpan.Zero
            ? await outbox.DeliveredToSinceAsync(lead.Tenant, lead.Channel, lead.Destination, now - _options.CustomerLimitWindow, cancellationToken)
            : [];
        return CustomerMessageGate.Decide(due, customer, fleetIncident, sent, limit, _options.PollInterval * 5, now);
    }

    private void Start(IReadOnlyList<Delivery> rows, Customer? customer, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _busy);
        var task = Task.Run(() => DeliverAsync(rows, customer, stoppingToken), CancellationToken.None);
        _inFlight[task] = 0;
        task.ContinueWith(t =>
        {
            _inFlight.TryRemove(t, out _);
            Interlocked.Decrement(ref _busy);
        }, TaskScheduler.Default);
    }

    private async Task DeliverAsync(IReadOnlyList<Delivery> rows, Customer? customer, CancellationToken stoppingToken)
    {
        var lead = rows[0];
        var ids = rows.Select(r => r.Id).ToList();
        var before = rows.Max(r => r.Attempts);
        var retries = 0;
        var pipeline = pipelines.For(sender.DestinationKey(lead), Math.Max(1, _options.MaxAttempts - before), async args =>
        {
            retries = args.AttemptNumber + 1;
            metrics.AttemptFailed(lead.Channel);
            var error = Describe(args.Outcome.Exception);
            LogAttemptFailed(lead.Id, lead.Channel, lead.Destination, before + retries, error, args.RetryDelay);
            var leaseUntil = time.GetUtcNow() + args.RetryDelay + _options.LeaseDuration;
            await outbox.RecordFailureAsync(ids, _worker, before + retries, error, leaseUntil, CancellationToken.None);
        });
        try
        {
            await pipeline.ExecuteAsync(async ct => await sender.SendAsync(rows, customer, ct), stoppingToken);
            await outbox.MarkDeliveredAsync(ids, _worker, before + retries + 1, time.GetUtcNow(), CancellationToken.None);
            metrics.Delivered(lead.Channel, rows.Count);
            LogDelivered(lead.Id, lead.Event, lead.Channel, lead.Destination, rows.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await outbox.PostponeAsync(ids, _worker, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e)
        {
            metrics.AttemptFailed(lead.Channel);
            metrics.Dead(lead.Channel, rows.Count);
            var error = Describe(e);
            await outbox.MarkDeadAsync(ids, _worker, before + retries + 1, error, CancellationToken.None);
            LogDead(lead.Id, lead.Channel, lead.Destination, before + retries + 1, error);
        }
    }

    private static string Describe(Exception? e) => e switch
    {
        null => "unknown failure",
        Polly.Timeout.TimeoutRejectedException => "timed out",
        Polly.CircuitBreaker.BrokenCircuitException => "the destination's circuit is open after repeated failures",
        _ => e.InnerException is { } inner && e is HttpRequestException { StatusCode: null } ? $"{e.Message} ({inner.Message})" : e.Message,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the outbox failed; trying again")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Holding {Count} messages to {Tenant}/{Customer} for {Reason} until {Until}")]
    private partial void LogHeld(int count, string tenant, string customer, string reason, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {DeliveryId} ({Event}) by {Channel} to {Destination}, {Rows} message(s)")]
    private partial void LogDelivered(string deliveryId, string @event, string channel, string destination, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} by {Channel} to {Destination} failed attempt {Attempt}: {Error}; next in {Delay}")]
    private partial void LogAttemptFailed(string deliveryId, string channel, string destination, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} by {Channel} to {Destination} is dead after {Attempts} attempts: {Error}")]
    private partial void LogDead(string deliveryId, string channel, string destination, int attempts, string error);
}
