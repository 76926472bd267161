using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Core.Protocol;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// <c>/</c> as CONTRACT §3 has it: no session, the sign-in form; <c>/?key=</c> or the form's POST signs in (an HttpOnly,
/// SameSite=Strict cookie, then a redirect to <c>/</c> so the key leaves the address bar and the history); an admin
/// session picks its tenant with <c>/?tenant=</c>. <c>POST /signout</c> ends the session.
/// </summary>
internal static class SignInEndpoints
{
    private const string DefaultTenant = "default";
    private const string KeyRefused = "That key was not accepted. Check it and try again.";

    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (HttpContext http, string? key, string? tenant, string? refused, DashboardAssets assets, DashboardSessions sessions,
            SessionAuthenticator sessionAuth, CallerAuthenticator keys, IOptions<DashboardOptions> options) =>
        {
            NoStore(http);
            if (key is not null)
            {
                var signedIn = await SignInAsync(http, key, tenant, sessions, keys, options.Value.SessionLifetime);
                // A refused link must not leave its key in the address bar either.
                return signedIn ?? Results.Redirect("/?refused=key", permanent: false, preserveMethod: false);
            }

            if (sessionAuth.Find(http) is not { } session || await keys.AuthenticateHashAsync(session.KeyHash, http.RequestAborted) is not { } caller)
            {
                return Html(DashboardPages.SignIn(assets, refused is null ? null : KeyRefused), StatusCodes.Status200OK);
            }

            if (tenant is not null)
            {
                if (Refusal(caller, tenant) is { } refusal)
                {
                    return Html(DashboardPages.Refused(assets, refusal), caller.MayAccess(tenant) ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden);
                }

                sessions.SelectTenant(http.Request.Cookies[SessionAuthenticator.CookieName]!, tenant);
                return Results.Redirect("/", permanent: false, preserveMethod: false);
            }

            return Html(DashboardPages.Shell(assets, session.Tenant, caller.IsAdmin, session.CsrfToken, options.Value.RefreshInterval), StatusCodes.Status200OK);
        }).ExcludeFromDescription();

        app.MapPost("/signin", async (HttpContext http, DashboardAssets assets, DashboardSessions sessions, CallerAuthenticator keys, IOptions<DashboardOptions> options) =>
        {
            NoStore(http);
            if (!SameOrigin(http))
            {
                return Html(DashboardPages.SignIn(assets, "Sign in from this dashboard's own page."), StatusCodes.Status403Forbidden);
            }

            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
            return await SignInAsync(http, form?["key"].ToString() ?? "", form?["tenant"].ToString() is { Length: > 0 } t ? t : null, sessions, keys, options.Value.SessionLifetime)
                ?? Html(DashboardPages.SignIn(assets, KeyRefused), StatusCodes.Status401Unauthorized);
        }).DisableAntiforgery().ExcludeFromDescription();

        app.MapPost("/signout", async (HttpContext http, DashboardSessions sessions, SessionAuthenticator sessionAuth) =>
        {
            NoStore(http);
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
            if (sessionAuth.Find(http) is { } session && SessionAuthenticator.TokenMatches(session, form?["csrf"].ToString()))
            {
                sessions.End(http.Request.Cookies[SessionAuthenticator.CookieName]);
                http.Response.Cookies.Delete(SessionAuthenticator.CookieName, CookieOptions(http, null));
            }

            return Results.Redirect("/", permanent: false, preserveMethod: false);
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>Signs in with <paramref name="key"/>; null when the key is not accepted.</summary>
    private static async Task<IResult?> SignInAsync(HttpContext http, string key, string? tenant, DashboardSessions sessions, CallerAuthenticator keys, TimeSpan lifetime)
    {
        var caller = await keys.AuthenticateKeyAsync(key.Trim(), http.RequestAborted);
        if (caller is null)
        {
            return null;
        }

        var refused = tenant is not null && Refusal(caller, tenant) is not null;
        var id = sessions.Start(ApiKeys.Hash(key.Trim()), tenant is not null && !refused ? tenant : caller.Tenant ?? DefaultTenant);
        http.Response.Cookies.Append(SessionAuthenticator.CookieName, id, CookieOptions(http, lifetime));
        // A tenant this key may not open is refused by the signed-in page, once the key has left the address bar.
        return Results.Redirect(refused ? $"/?tenant={Uri.EscapeDataString(tenant!)}" : "/", permanent: false, preserveMethod: false);
    }

    private static string? Refusal(Caller caller, string tenant) =>
        !caller.MayAccess(tenant) ? $"This key reaches only tenant '{caller.Tenant}'."
        : !Identifiers.IsValid(tenant) ? "A tenant is 1 to 64 letters, digits, dots, dashes or underscores."
        : null;

    private static CookieOptions CookieOptions(HttpContext http, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };

    /// <summary>A form posted from another site must not sign this browser in to someone else's key.</summary>
    private static bool SameOrigin(HttpContext http)
    {
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none";
        }

        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length == 0 || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static void NoStore(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
