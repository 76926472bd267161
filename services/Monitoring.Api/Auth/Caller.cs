namespace Monitoring.Api.Auth;

/// <summary>Who is calling: an admin (every tenant) or one tenant's key.</summary>
public sealed record Caller(string? Tenant)
{
    public bool IsAdmin => Tenant is null;

    public bool MayAccess(string tenant) => IsAdmin || Tenant == tenant;
}
