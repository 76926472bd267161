namespace Monitoring.Core.Stores;

/// <summary>Durable customer contacts.</summary>
public interface IContactStore
{
    Task AddAsync(CustomerContact contact, CancellationToken cancellationToken);

    Task<Page<CustomerContact>> ListAsync(ContactQuery query, CancellationToken cancellationToken);

    /// <summary>Every contact of <paramref name="tenant"/> whose time is within [<paramref name="from"/>, <paramref name="to"/>].</summary>
    Task<IReadOnlyList<CustomerContact>> BetweenAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
