using Microsoft.Playwright;

namespace Monitoring.EndToEndTests.Browser;

/// <summary>What a page lets its own scripts see and do, asked from inside it.</summary>
public static class PageProbe
{
    /// <summary>The status a same-origin fetch from the page gets (the browser adds the session cookie, as the dashboard's own calls do).</summary>
    public static Task<int> FetchStatusAsync(IPage page, string path, string method = "GET", bool withCsrf = false) =>
        page.EvaluateAsync<int>("""
            async ([path, method, withCsrf]) => {
              const headers = { "Content-Type": "application/json" };
              if (withCsrf) headers["X-Monitoring-Csrf"] = document.querySelector('meta[name="monitoring-csrf"]').content;
              const r = await fetch(path, { method, headers, body: method === "GET" ? undefined : "{}" });
              return r.status;
            }
            """, new object[] { path, method, withCsrf });

    /// <summary>The page's HTML, the text of every script it loaded, its storage and its readable cookies, joined.</summary>
    public static async Task<string> EverythingVisibleToScriptsAsync(IPage page)
    {
        var scripts = await page.EvaluateAsync<string[]>("""
            async () => Promise.all([...document.scripts].map(s => s.src ? fetch(s.src).then(r => r.text()) : s.textContent))
            """);
        var storage = await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie");
        return string.Join('\n', [await page.ContentAsync(), .. scripts, storage, page.Url]);
    }

    /// <summary>Visible form controls with no label, no aria-label and (for buttons) no text.</summary>
    public static Task<string[]> UnlabelledControlsAsync(IPage page) =>
        page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
              .filter(e => e.offsetParent !== null)
              .filter(e => !(e.labels?.length || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent.trim())))
              .map(e => e.outerHTML)
            """);

    /// <summary>Whether the page is wider than its viewport (a horizontal scroll bar).</summary>
    public static Task<bool> OverflowsHorizontallyAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
}
