using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// The two server-rendered pages: the sign-in form, and the shell the dashboard's script fills in. Neither ever holds
/// an API key; the shell carries only the tenant, whether the session may pick another, and its anti-forgery token.
/// </summary>
internal static class DashboardPages
{
    public static string SignIn(DashboardAssets assets, string? problem) => Page(assets, "Sign in", $"""
        <main id="main" class="signin">
          <h1><span class="brand-mark" aria-hidden="true"></span> Monitoring</h1>
          <p>Sign in with an API key to see your fleet.</p>
          {(problem is null ? "" : $"<p class=\"problem\" role=\"alert\">{HtmlEncode(problem)}</p>")}
          <form method="post" action="/signin" class="stack">
            <label for="key">API key</label>
            <input id="key" name="key" type="password" autocomplete="current-password" required maxlength="256" spellcheck="false" autofocus>
            <button type="submit">Sign in</button>
          </form>
          <p class="hint">An admin key sees every tenant; a tenant's key sees only its own.</p>
        </main>
        """, script: null);

    public static string Refused(DashboardAssets assets, string problem) => Page(assets, "Not allowed", $"""
        <main id="main" class="signin">
          <h1>Not allowed</h1>
          <p class="problem" role="alert">{HtmlEncode(problem)}</p>
          <p><a href="/">Back to the dashboard</a></p>
        </main>
        """, script: null);

    public static string Shell(DashboardAssets assets, string tenant, bool isAdmin, string csrfToken, TimeSpan refresh)
    {
        var picker = isAdmin
            ? $"""
              <form method="get" action="/" class="tenant-picker" role="search" aria-label="Pick a tenant">
                <label for="tenant">Tenant</label>
                <input id="tenant" name="tenant" value="{HtmlEncode(tenant)}" maxlength="64" pattern="[A-Za-z0-9._\-]{"{1,64}"}" required spellcheck="false">
                <button type="submit">Open</button>
              </form>
              """
            : $"""<p class="tenant-picker">Tenant <strong>{HtmlEncode(tenant)}</strong></p>""";
        var refreshMs = ((int)refresh.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        return Page(assets, "Fleet", $"""
            <header class="top">
              <a class="brand" href="#/"><span class="brand-mark" aria-hidden="true"></span> Monitoring</a>
              <nav aria-label="Views">
                <a href="#/" data-view="overview">Overview</a>
                <a href="#/cases" data-view="cases">Cases</a>
                <a href="#/devices" data-view="devices">Devices</a>
              </nav>
              {picker}
              <p class="live" id="live" role="status" aria-live="polite">Connecting…</p>
              <form method="post" action="/signout" class="signout">
                <input type="hidden" name="csrf" value="{HtmlEncode(csrfToken)}">
                <button type="submit" class="quiet">Sign out</button>
              </form>
            </header>
            <main id="main" tabindex="-1" aria-busy="true"><p class="muted">Loading…</p></main>
            """, script: assets.Url("dashboard.js"), meta: new Dictionary<string, string>
        {
            ["monitoring-tenant"] = tenant,
            ["monitoring-admin"] = isAdmin ? "true" : "false",
            ["monitoring-csrf"] = csrfToken,
            ["monitoring-refresh-ms"] = refreshMs,
            ["monitoring-chart-script"] = assets.Url("uPlot.iife.min.js"),
            ["monitoring-chart-style"] = assets.Url("uPlot.min.css"),
        });
    }

    private static string Page(DashboardAssets assets, string title, string body, string? script, IReadOnlyDictionary<string, string>? meta = null)
    {
        var head = new StringBuilder();
        foreach (var (name, value) in meta ?? new Dictionary<string, string>())
        {
            head.Append(CultureInfo.InvariantCulture, $"""<meta name="{name}" content="{HtmlEncode(value)}">""").Append('\n');
        }

        return $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>{HtmlEncode(title)} · Monitoring</title>
            {head}<link rel="stylesheet" href="{assets.Url("dashboard.css")}">
            {(script is null ? "" : $"<script type=\"module\" src=\"{script}\"></script>")}
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            {body}
            </body>
            </html>
            """;
    }
}
