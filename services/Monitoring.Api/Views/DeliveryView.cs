using Monitoring.Core.Notifications;

namespace Monitoring.Api.Views;

/// <summary>An outbox delivery in the shape of CONTRACT §3; <see cref="Id"/> is the <c>X-Monitoring-Delivery</c> value.</summary>
public sealed record DeliveryView(
    string Id, string Event, string CaseId, string Channel, string Destination, string Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt)
{
    public static DeliveryView From(Delivery d) =>
        new(d.Id, d.Event, d.CaseId, d.Channel, d.Destination, d.Status, d.Attempts, d.LastError, d.CreatedAt, d.DeliveredAt);
}
