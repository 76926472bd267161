using Monitoring.Core.Customers;

namespace Monitoring.Core.Notifications;

/// <summary>
/// When a customer's messages may go, decided at delivery time for one contact's due messages:
/// nothing goes while a fleet incident is open in the tenant (the messages wait and go once it resolves: each of
/// them is about a real case that opened or resolved outside the storm, and a customer is never left without the
/// follow-up of an alert already sent); nothing goes during the customer's quiet hours (they wait for the end);
/// and beyond the contact's limit a burst is folded into one digest, or waits for the window to free a slot.
/// </summary>
public static class CustomerMessageGate
{
    public const string FleetIncidentHold = "a fleet incident is open in the tenant";
    public const string QuietHoursHold = "the customer's quiet hours";
    public const string LimitHold = "the customer's message limit";

    /// <param name="due">The contact's due messages, oldest first.</param>
    /// <param name="sentInWindow">When messages (digests counted once) went to this contact within the limit's window.</param>
    /// <param name="holdRecheck">How soon to look again while a fleet incident is open.</param>
    public static DispatchDecision Decide(
        IReadOnlyList<Delivery> due, Customer? customer, bool fleetIncidentOpen, IReadOnlyList<DateTimeOffset> sentInWindow,
        CustomerLimit limit, TimeSpan holdRecheck, DateTimeOffset now)
    {
        if (due.Count == 0)
        {
            return new DispatchDecision([], null, null);
        }

        if (fleetIncidentOpen)
        {
            return DispatchDecision.Hold(now + holdRecheck, FleetIncidentHold);
        }

        if (customer?.QuietHours?.EndIfQuiet(now) is { } end)
        {
            return DispatchDecision.Hold(end, QuietHoursHold);
        }

        var recent = sentInWindow.Where(t => t > now - limit.Window).Order().ToList();
        var allowance = limit.Messages - recent.Count;
        if (due.Count <= allowance)
        {
            return new DispatchDecision(due.Select(d => (IReadOnlyList<Delivery>)[d]).ToList(), null, null);
        }

        if (allowance >= 1)
        {
            return new DispatchDecision([due], null, null);
        }

        // The slot frees when the oldest message in the window leaves it; everything due by then goes as one digest.
        return DispatchDecision.Hold(recent[^limit.Messages] + limit.Window, LimitHold);
    }
}
