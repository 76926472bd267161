using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Auth;

/// <summary>Finds the caller behind a bearer key: the configured admin key, or a key issued and stored hashed.</summary>
public sealed class CallerAuthenticator(IOptions<ApiOptions> options, IApiKeyStore keys)
{
    private const int MaxKeyLength = 256;
    private readonly byte[]? _adminHash = options.Value.AdminKey is { Length: > 0 } admin ? Encoding.ASCII.GetBytes(ApiKeys.Hash(admin)) : null;

    public Task<Caller?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult<Caller?>(null);
        }

        return AuthenticateKeyAsync(authorization[scheme.Length..].Trim(), cancellationToken);
    }

    /// <summary>The caller behind a key as typed into the dashboard's sign-in form or link.</summary>
    public Task<Caller?> AuthenticateKeyAsync(string key, CancellationToken cancellationToken) =>
        key.Length is 0 or > MaxKeyLength ? Task.FromResult<Caller?>(null) : AuthenticateHashAsync(ApiKeys.Hash(key), cancellationToken);

    /// <summary>The caller behind a key's hash: a dashboard session keeps only the hash and checks it again on every call.</summary>
    public async Task<Caller?> AuthenticateHashAsync(string hash, CancellationToken cancellationToken)
    {
        if (_adminHash is not null && CryptographicOperations.FixedTimeEquals(_adminHash, Encoding.ASCII.GetBytes(hash)))
        {
            return new Caller(null);
        }

        var stored = await keys.FindAsync(hash, cancellationToken);
        return stored is null ? null : new Caller(stored.Tenant);
    }
}
