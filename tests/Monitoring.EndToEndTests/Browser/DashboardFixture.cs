using Microsoft.Playwright;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.EndToEndTests.Browser;

/// <summary>
/// One real server (embedded broker, SQLite, detection in seconds, the dashboard refreshing every 500 ms and its
/// grouping by site recomputed on every call) and one
/// headless Debian Chromium driven by Playwright, shared by the browser tests; each test uses tenants of its own and a
/// fresh browser context (no cookies).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public MonitoringServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string AdminKey => Server.AdminKey;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("MONITORING_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new FileNotFoundException($"the browser tests drive Debian's Chromium at {chromium}; install it: deploy/local/deps.sh install chromium", chromium);
        }

        Server = await MonitoringServer.StartAsync("--Dashboard:RefreshInterval=00:00:00.500", "--Dashboard:BreakdownInterval=00:00:00");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumFlags,
        });
    }

    /// <summary>A page in a fresh context (no cookies) at the server's address.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs a fresh page in by link with <paramref name="key"/> on <paramref name="tenant"/> and waits for the overview.</summary>
    public async Task<IPage> SignedInPageAsync(string key, string? tenant, int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light)
    {
        var page = await NewPageAsync(width, height, colorScheme);
        var link = $"/?key={Uri.EscapeDataString(key)}" + (tenant is null ? "" : $"&tenant={Uri.EscapeDataString(tenant)}");
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet overview" })).ToBeVisibleAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
