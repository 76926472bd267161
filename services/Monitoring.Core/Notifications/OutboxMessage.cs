using Monitoring.Core.Cases;

namespace Monitoring.Core.Notifications;

/// <summary>
/// One message to write to the outbox with the case change that causes it. <see cref="Case"/> is the case as it was
/// at that change, so the message tells what was true then, however the case goes on.
/// </summary>
public sealed record OutboxMessage(
    string Id, string Tenant, string Event, string Channel, string Destination, string? Customer, SupportCase Case, DateTimeOffset CreatedAt);
