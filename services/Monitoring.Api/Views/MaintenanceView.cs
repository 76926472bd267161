using Monitoring.Core.Maintenance;

namespace Monitoring.Api.Views;

/// <summary>A maintenance window as the API shows it, with its <c>status</c> now: scheduled, active or ended.</summary>
public sealed record MaintenanceView(
    string Id, string Tenant, MaintenanceScope Scope, DateTimeOffset From, DateTimeOffset To, string? Reason, DateTimeOffset? EndedAt, string Status)
{
    public static MaintenanceView Of(MaintenanceWindow w, DateTimeOffset now) =>
        new(w.Id, w.Tenant, w.Scope, w.From, w.To, w.Reason, w.EndedAt, w.StatusAt(now));
}
