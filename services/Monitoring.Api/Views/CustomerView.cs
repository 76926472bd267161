using Monitoring.Core.Customers;

namespace Monitoring.Api.Views;

/// <summary>A customer as the API answers it.</summary>
public sealed record CustomerView(string Id, string Name, string Tier, IReadOnlyList<CustomerContact> Contacts, QuietHours? QuietHours)
{
    public static CustomerView From(Customer c) => new(c.Id, c.Name, c.Tier, c.Contacts, c.QuietHours);
}
