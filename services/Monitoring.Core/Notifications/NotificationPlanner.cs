using Monitoring.Core.Cases;
using Monitoring.Core.Customers;

namespace Monitoring.Core.Notifications;

/// <summary>
/// Decides what a case change tells whom (CONTRACT §6): every ticket system gets <c>case.opened</c>,
/// <c>case.updated</c> (acknowledged, escalated, a note, severity or devices changed) and <c>case.resolved</c>; each
/// reachable contact of the case's customer gets "we noticed a problem" when it opens and one follow-up when it
/// resolves. A fleet incident concerns the vendor's pipeline, not a customer's device, so it goes to tickets only;
/// a case merged into a larger one sends no follow-up, since the larger case's follow-up covers the same outage.
/// </summary>
public static class NotificationPlanner
{
    public static IReadOnlyList<OutboxMessage> Plan(
        SupportCase? before, SupportCase after, Customer? customer, IReadOnlyList<string> tickets, DateTimeOffset now)
    {
        var messages = new List<OutboxMessage>();
        var version = before is null ? 1 : after.Version + 1;
        if (TicketEvent(before, after) is { } ticketEvent)
        {
            foreach (var ticket in tickets)
            {
                messages.Add(Message(after, version, ticketEvent, NotificationChannel.Ticket, ticket, null, now));
            }
        }

        if (customer is not null && after.Customer == customer.Id && after.Kind != CaseKind.FleetIncident && CustomerEvent(before, after) is { } customerEvent)
        {
            foreach (var contact in customer.Reachable())
            {
                messages.Add(Message(after, version, customerEvent, contact.Type, contact.Destination, customer.Id, now));
            }
        }

        return messages;
    }

    /// <summary>The ticket event of a change, or null when nothing a support desk follows changed.</summary>
    public static string? TicketEvent(SupportCase? before, SupportCase after)
    {
        if (before is null)
        {
            return NotificationEvent.CaseOpened;
        }

        if (after.Status == CaseStatus.Resolved)
        {
            return before.Status == CaseStatus.Resolved ? null : NotificationEvent.CaseResolved;
        }

        var changed = before.Status != after.Status
            || before.Severity != after.Severity
            || !before.Devices.SequenceEqual(after.Devices)
            || after.Timeline.Skip(before.Timeline.Count).Any(e => e.Event is TimelineEntry.Note or TimelineEntry.Acknowledged or TimelineEntry.Escalated);
        return changed ? NotificationEvent.CaseUpdated : null;
    }

    private static string? CustomerEvent(SupportCase? before, SupportCase after)
    {
        if (before is null)
        {
            return after.Status == CaseStatus.Resolved ? null : NotificationEvent.CaseOpened;
        }

        return before.Status != CaseStatus.Resolved && after.Status == CaseStatus.Resolved && after.Resolution != CaseResolution.Merged
            ? NotificationEvent.CaseResolved
            : null;
    }

    private static OutboxMessage Message(SupportCase c, long version, string @event, string channel, string destination, string? customer, DateTimeOffset now) =>
        new(DeliveryIds.For(c.Id, version, channel, destination), c.Tenant, @event, channel, destination, customer, c with { Version = version }, now);
}
