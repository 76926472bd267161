using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Monitoring.Api.Auth;

/// <summary>
/// The caller behind a dashboard's session cookie. The key behind the session is checked again on every call, so a
/// key that stops being valid ends its sessions too. A state-changing call must also carry the session's anti-forgery
/// token in <see cref="CsrfHeader"/>; the cookie alone (SameSite=Strict as it is) is not enough.
/// </summary>
public sealed class SessionAuthenticator(DashboardSessions sessions, CallerAuthenticator authenticator)
{
    public const string CookieName = "monitoring_session";
    public const string CsrfHeader = "X-Monitoring-Csrf";

    public async Task<Caller?> AuthenticateAsync(HttpContext http)
    {
        if (Find(http) is not { } session)
        {
            return null;
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !TokenMatches(session, http.Request.Headers[CsrfHeader].ToString()))
        {
            return null;
        }

        return await authenticator.AuthenticateHashAsync(session.KeyHash, http.RequestAborted);
    }

    /// <summary>The session the request's cookie names, if it is still current.</summary>
    public DashboardSession? Find(HttpContext http) => sessions.Find(http.Request.Cookies[CookieName]);

    public static bool TokenMatches(DashboardSession session, string? token) =>
        token is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(session.CsrfToken), Encoding.UTF8.GetBytes(token));
}
