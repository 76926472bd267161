namespace Monitoring.Core.Stores;

/// <summary>A stored API key: only its hash is kept. <see cref="Tenant"/> is null for an admin key.</summary>
public sealed record ApiKeyRecord(string Hash, string? Tenant, DateTimeOffset CreatedAt);
