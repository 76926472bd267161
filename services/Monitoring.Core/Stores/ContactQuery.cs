namespace Monitoring.Core.Stores;

/// <summary>A page of a tenant's contacts, newest first; <see cref="From"/> inclusive, <see cref="To"/> exclusive.</summary>
public sealed record ContactQuery(
    string Tenant, string? Customer, string? Device, DateTimeOffset? From, DateTimeOffset? To, int Limit, string? Cursor);
