using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Monitoring.Api.Dashboard;

namespace Monitoring.Api.Auth;

/// <summary>
/// Dashboard sessions, held in this process only: a random session id (kept by the browser in an HttpOnly cookie,
/// stored here only as its SHA-256) maps to the hashed key it signed in with. They end at their lifetime, at sign-out,
/// or when the process stops.
/// </summary>
public sealed class DashboardSessions(IOptions<DashboardOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DashboardSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    /// <summary>Starts a session; answers the id for the cookie, the only place it is kept.</summary>
    public string Start(string keyHash, string tenant)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        var id = Token();
        _sessions[Hash(id)] = new DashboardSession(keyHash, tenant, Token(), now + options.Value.SessionLifetime);
        return id;
    }

    public DashboardSession? Find(string? id)
    {
        if (id is not { Length: > 0 and <= 128 } || !_sessions.TryGetValue(Hash(id), out var session))
        {
            return null;
        }

        if (session.ExpiresAt > time.GetUtcNow())
        {
            return session;
        }

        _sessions.TryRemove(Hash(id), out _);
        return null;
    }

    public void SelectTenant(string id, string tenant)
    {
        if (Find(id) is { } session)
        {
            _sessions[Hash(id)] = session with { Tenant = tenant };
        }
    }

    public void End(string? id)
    {
        if (id is { Length: > 0 and <= 128 })
        {
            _sessions.TryRemove(Hash(id), out _);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, session) in _sessions)
        {
            if (session.ExpiresAt <= now)
            {
                _sessions.TryRemove(key, out _);
            }
        }

        var excess = _sessions.Count - options.Value.MaxSessions + 1;
        if (excess > 0)
        {
            foreach (var (key, _) in _sessions.OrderBy(s => s.Value.ExpiresAt).Take(excess))
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }

    private static string Token() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
