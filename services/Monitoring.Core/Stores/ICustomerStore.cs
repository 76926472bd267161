using Monitoring.Core.Customers;

namespace Monitoring.Core.Stores;

/// <summary>Durable customer records, one per tenant and id.</summary>
public interface ICustomerStore
{
    /// <summary>Stores <paramref name="customer"/> in place of any earlier record; true when it is new.</summary>
    Task<bool> PutAsync(Customer customer, DateTimeOffset at, CancellationToken cancellationToken);

    Task<Customer?> FindAsync(string tenant, string id, CancellationToken cancellationToken);
}
