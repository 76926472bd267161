namespace Monitoring.Core.Customers;

/// <summary>An end customer of a vendor (CONTRACT §6): who hears "we noticed a problem", how, and when not.</summary>
public sealed record Customer
{
    public required string Tenant { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Tier { get; init; } = CustomerTier.Free;
    public IReadOnlyList<CustomerContact> Contacts { get; init; } = [];
    public QuietHours? QuietHours { get; init; }

    /// <summary>The contacts that hear about cases: email for every tier, webhooks for premium customers only.</summary>
    public IEnumerable<CustomerContact> Reachable() =>
        Contacts.Where(c => c.Type == CustomerContact.Email || (c.Type == CustomerContact.Webhook && Tier == CustomerTier.Premium));
}
