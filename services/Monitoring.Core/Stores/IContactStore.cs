namespace Monitoring.Core.Stores;

/// <summary>Durable customer contacts.</summary>
public interface IContactStore
{
    Task AddAsync(SupportContact contact, CancellationToken cancellationToken);

    Task<Page<SupportContact>> ListAsync(ContactQuery query, CancellationToken cancellationToken);

    /// <summary>Every contact of <paramref name="tenant"/> whose time is within [<paramref name="from"/>, <paramref name="to"/>].</summary>
    Task<IReadOnlyList<SupportContact>> BetweenAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
