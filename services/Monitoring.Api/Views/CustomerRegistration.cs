using Monitoring.Core.Customers;

namespace Monitoring.Api.Views;

/// <summary>The body of <c>PUT …/customers/{id}</c> (CONTRACT §6); it replaces the stored record as a whole.</summary>
public sealed record CustomerRegistration(string? Name, string? Tier, IReadOnlyList<CustomerContact?>? Contacts, QuietHours? QuietHours);
