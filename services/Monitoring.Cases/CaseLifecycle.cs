using Microsoft.Extensions.Logging;
using Monitoring.Core.Cases;
using Monitoring.Core.Stores;

namespace Monitoring.Cases;

/// <summary>
/// Writes case decisions and operator actions to the store. Every change is conditional on the version it was
/// read at, so a detector and an operator acting on one case at once never overwrite each other. The notifications a
/// change causes are written to the outbox in the same transaction.
/// </summary>
public sealed partial class CaseLifecycle(
    ICaseStore store, CaseNotifications notifications, CaseMetrics metrics, TimeProvider time, ILogger<CaseLifecycle> logger)
{
    private const int Attempts = 5;

    /// <summary>Saves what a detection pass decided; changes that lost a race are left for the next pass to decide again.</summary>
    public async Task ApplyAsync(CaseDecisions decisions, CancellationToken cancellationToken)
    {
        if (decisions.IsEmpty)
        {
            return;
        }

        var outbox = await notifications.PlanForAsync([.. decisions.Opened, .. decisions.Changed], cancellationToken);
        var conflicts = await store.SaveAsync(decisions.Opened, decisions.Changed, outbox, cancellationToken);
        foreach (var opened in decisions.Opened)
        {
            metrics.Opened(opened.Kind);
            LogOpened(opened.Id, opened.Kind, opened.Tenant, opened.Subject.Id, opened.Title);
        }

        foreach (var changed in decisions.Changed)
        {
            if (changed.Status == CaseStatus.Resolved && !conflicts.Contains(changed.Id))
            {
                LogResolved(changed.Id, changed.Resolution ?? "", changed.Tenant);
            }
        }
    }

    public Task<OperatorActionResult> AcknowledgeAsync(string tenant, string id, string? by, CancellationToken cancellationToken) =>
        ActAsync(tenant, id, cancellationToken, (c, now) => c.Status != CaseStatus.Open
            ? $"a case that is {c.Status} cannot be acknowledged"
            : null, (c, now) => c.Append(new TimelineEntry(now, TimelineEntry.Acknowledged, by is null ? "acknowledged" : $"acknowledged by {by}"))
            with { Status = CaseStatus.Acknowledged, AcknowledgedAt = now });

    public Task<OperatorActionResult> ResolveAsync(string tenant, string id, string resolution, string? note, CancellationToken cancellationToken) =>
        ActAsync(tenant, id, cancellationToken, (c, now) => c.Status == CaseStatus.Resolved
            ? "the case is already resolved"
            : null, (c, now) => c.Append(new TimelineEntry(now, TimelineEntry.Resolved, note is null ? $"resolved by an operator: {resolution}" : $"resolved by an operator: {resolution}: {note}"))
            with { Status = CaseStatus.Resolved, ResolvedAt = now, Resolution = resolution });

    public Task<OperatorActionResult> AddNoteAsync(string tenant, string id, string text, string? by, CancellationToken cancellationToken) =>
        ActAsync(tenant, id, cancellationToken, (_, _) => null,
            (c, now) => c.Append(new TimelineEntry(now, TimelineEntry.Note, by is null ? text : $"{by}: {text}")));

    private async Task<OperatorActionResult> ActAsync(
        string tenant, string id, CancellationToken cancellationToken,
        Func<SupportCase, DateTimeOffset, string?> refusal, Func<SupportCase, DateTimeOffset, SupportCase> change)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await store.FindAsync(tenant, id, cancellationToken);
            if (current is null)
            {
                return OperatorActionResult.NotFound;
            }

            var now = time.GetUtcNow();
            if (refusal(current, now) is { } problem)
            {
                return new OperatorActionResult(OperatorActionOutcome.NotAllowed, current, problem);
            }

            var updated = change(current, now);
            var conflicts = await store.SaveAsync([], [updated], await notifications.PlanForAsync([updated], cancellationToken), cancellationToken);
            if (conflicts.Count == 0)
            {
                return new OperatorActionResult(OperatorActionOutcome.Done, updated with { Version = current.Version + 1 });
            }
        }

        throw new InvalidOperationException($"case {id} kept changing while an operator action was applied");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened case {CaseId} ({Kind}) for {Tenant}/{Subject}: {Title}")]
    private partial void LogOpened(string caseId, string kind, string tenant, string subject, string title);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resolved case {CaseId} ({Resolution}) for {Tenant}")]
    private partial void LogResolved(string caseId, string resolution, string tenant);
}
