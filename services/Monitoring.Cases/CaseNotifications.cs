using Monitoring.Core.Cases;
using Monitoring.Core.Customers;
using Monitoring.Core.Notifications;
using Monitoring.Core.Stores;

namespace Monitoring.Cases;

/// <summary>Gathers what the planner needs for a batch of case changes (their customers, the ticket systems) before the write.</summary>
public sealed class CaseNotifications(ICustomerStore customers, TicketRouting tickets, TimeProvider time)
{
    public async Task<OutboxPlan> PlanForAsync(IEnumerable<SupportCase> cases, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string Tenant, string Id), Customer?>();
        foreach (var c in cases)
        {
            if (c.Customer is { } id && !found.ContainsKey((c.Tenant, id)))
            {
                found[(c.Tenant, id)] = await customers.FindAsync(c.Tenant, id, cancellationToken);
            }
        }

        var now = time.GetUtcNow();
        return (before, after) => NotificationPlanner.Plan(
            before, after, after.Customer is { } id ? found.GetValueOrDefault((after.Tenant, id)) : null, tickets.Names, now);
    }
}
