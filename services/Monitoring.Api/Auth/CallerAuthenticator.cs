using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Auth;

/// <summary>Finds the caller behind a bearer key: the configured admin key, or a key issued and stored hashed.</summary>
public sealed class CallerAuthenticator(IOptions<ApiOptions> options, IApiKeyStore keys)
{
    private readonly byte[]? _adminHash = options.Value.AdminKey is { Length: > 0 } admin ? Encoding.ASCII.GetBytes(ApiKeys.Hash(admin)) : null;

    public async Task<Caller?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = authorization[scheme.Length..].Trim();
        if (key.Length is 0 or > 256)
        {
            return null;
        }

        var hash = ApiKeys.Hash(key);
        if (_adminHash is not null && CryptographicOperations.FixedTimeEquals(_adminHash, Encoding.ASCII.GetBytes(hash)))
        {
            return new Caller(null);
        }

        var stored = await keys.FindAsync(hash, cancellationToken);
        return stored is null ? null : new Caller(stored.Tenant);
    }
}
