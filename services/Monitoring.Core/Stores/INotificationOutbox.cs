using Monitoring.Core.Notifications;

namespace Monitoring.Core.Stores;

/// <summary>
/// The delivery side of the outbox. A worker claims due rows under a lease; while the lease holds no other worker
/// can claim them, and once it lapses (a worker killed mid-delivery) they are claimed again. Every change a worker
/// makes is conditional on still holding the lease.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>Leases up to <paramref name="max"/> pending rows that are due and not leased by a live lease, oldest first.</summary>
    Task<IReadOnlyList<Delivery>> ClaimDueAsync(string worker, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt and extends the lease to cover the wait before the next one.</summary>
    Task RecordFailureAsync(IReadOnlyCollection<string> ids, string worker, int attempts, string error, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(IReadOnlyCollection<string> ids, string worker, int attempts, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkDeadAsync(IReadOnlyCollection<string> ids, string worker, int attempts, string error, CancellationToken cancellationToken);

    /// <summary>Gives the rows back unleased, due again at <paramref name="dueAt"/>; their attempts are unchanged.</summary>
    Task PostponeAsync(IReadOnlyCollection<string> ids, string worker, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>When deliveries to one contact were made since <paramref name="since"/>; a digest's rows count once.</summary>
    Task<IReadOnlyList<DateTimeOffset>> DeliveredToSinceAsync(string tenant, string channel, string destination, DateTimeOffset since, CancellationToken cancellationToken);

    Task<Page<Delivery>> ListAsync(string tenant, string? status, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Makes a dead delivery pending again, due now, with its attempts counted from zero and the same id.</summary>
    Task<RetryOutcome> RetryAsync(string tenant, string id, DateTimeOffset now, CancellationToken cancellationToken);
}
