namespace Monitoring.Api.Auth;

/// <summary>
/// A signed-in browser: the hash of the key it signed in with (never the key), the tenant it looks at, the token its
/// state-changing calls must echo, and when it ends.
/// </summary>
public sealed record DashboardSession(string KeyHash, string Tenant, string CsrfToken, DateTimeOffset ExpiresAt);
