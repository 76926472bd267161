using Monitoring.Core.Cases;
using Monitoring.Core.Customers;
using Monitoring.Core.Stores;

namespace Monitoring.Detection;

/// <summary>
/// What a new case learns from the stores before it is saved: the customer's tier (a premium customer's case is one step
/// more severe) and the customer's history of cases and contacts with support.
/// </summary>
public sealed class CaseEnrichment(ICustomerStore customers, ICaseStore cases, IContactStore contacts)
{
    private const int HistoryLimit = 50;

    public async Task EnrichAsync(CaseDecisions decisions, CancellationToken cancellationToken)
    {
        for (var i = 0; i < decisions.Opened.Count; i++)
        {
            var opened = decisions.Opened[i];
            if (opened.Customer is not { } customer || opened.Kind == CaseKind.FleetIncident)
            {
                continue;
            }

            if (await customers.FindAsync(opened.Tenant, customer, cancellationToken) is { Tier: CustomerTier.Premium })
            {
                opened = opened with { Severity = CaseSeverityRule.Max(opened.Severity, CaseSeverityRule.Of(opened.Kind, opened.Devices.Count, premium: true)) };
            }

            var earlier = await cases.ListAsync(new CaseQuery(opened.Tenant, null, null, null, customer, HistoryLimit, null), cancellationToken);
            var calls = await contacts.ListAsync(
                new ContactQuery(opened.Tenant, customer, null, opened.OpenedAt - CaseHistory.Span, opened.OpenedAt, HistoryLimit, null), cancellationToken);
            if (CaseHistory.Describe(opened, earlier.Items, calls.Items) is { } history)
            {
                opened = opened with { SuspectedCause = $"{opened.SuspectedCause} {history}" };
            }

            decisions.Opened[i] = opened;
        }
    }
}
