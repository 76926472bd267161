using Monitoring.Core.Cases;

namespace Monitoring.Core.Notifications;

/// <summary>An outbox row: a message and how its delivery is going. <see cref="Id"/> is the <c>X-Monitoring-Delivery</c> value.</summary>
public sealed record Delivery
{
    public required string Id { get; init; }
    public required string Tenant { get; init; }
    public required string Event { get; init; }
    public required string CaseId { get; init; }
    public required string Channel { get; init; }
    public required string Destination { get; init; }
    public string? Customer { get; init; }
    public string Status { get; init; } = DeliveryStatus.Pending;
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public required SupportCase Case { get; init; }
}
