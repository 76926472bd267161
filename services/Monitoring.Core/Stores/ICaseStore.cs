using Monitoring.Core.Cases;
using Monitoring.Core.Notifications;

namespace Monitoring.Core.Stores;

/// <summary>Durable support cases. Changes are conditional on the version they were read at.</summary>
public interface ICaseStore
{
    /// <summary>Active cases of every tenant, and cases resolved since <paramref name="resolvedSince"/>.</summary>
    Task<IReadOnlyList<SupportCase>> LoadCurrentAsync(DateTimeOffset resolvedSince, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts <paramref name="opened"/> and writes each of <paramref name="changed"/> only if its stored version is still
    /// the one it carries, all in one transaction; returns the ids of changed cases that lost that race.
    /// </summary>
    Task<IReadOnlyList<string>> SaveAsync(IReadOnlyCollection<SupportCase> opened, IReadOnlyCollection<SupportCase> changed, CancellationToken cancellationToken) =>
        SaveAsync(opened, changed, null, cancellationToken);

    /// <summary>
    /// As <see cref="SaveAsync(IReadOnlyCollection{SupportCase}, IReadOnlyCollection{SupportCase}, CancellationToken)"/>, and writes
    /// the messages <paramref name="outbox"/> plans for each case written (with the case as stored before the change) in the
    /// same transaction: a change and its notifications are kept together or not at all.
    /// </summary>
    Task<IReadOnlyList<string>> SaveAsync(
        IReadOnlyCollection<SupportCase> opened, IReadOnlyCollection<SupportCase> changed, OutboxPlan? outbox, CancellationToken cancellationToken);

    Task<SupportCase?> FindAsync(string tenant, string id, CancellationToken cancellationToken);

    Task<Page<SupportCase>> ListAsync(CaseQuery query, CancellationToken cancellationToken);

    /// <summary>A tenant's cases whose outage began within [<paramref name="from"/>, <paramref name="to"/>), in any status.</summary>
    Task<IReadOnlyList<SupportCase>> OutagesStartedAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>A tenant's active cases by kind.</summary>
    Task<IReadOnlyDictionary<string, int>> CountActiveByKindAsync(string tenant, CancellationToken cancellationToken);
}
