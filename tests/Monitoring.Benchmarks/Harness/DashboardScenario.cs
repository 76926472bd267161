using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// dashboard: N registered devices (every 200th offline) in SQLite, the server on them, and Debian's Chromium driven
/// by Playwright signing in by link and opening the overview, the case queue, the device list and a device page:
/// bytes transferred per request and in all, and when each view had its data on screen (the page's own
/// <c>monitoring:{view}</c> performance measures) and was interactive (no long task after it).
/// </summary>
internal sealed class DashboardScenario(string repo, Broker broker, int devices, int runs, string runId)
{
    private const string Tenant = "fleet-100k";

    // Collects long tasks from the first moment of each document, before the dashboard's script runs.
    private const string LongTaskObserver = """
        window.__longTasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
          .observe({ type: "longtask", buffered: true });
        """;

    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public async Task RunAsync(Report report)
    {
        var folder = Directory.CreateTempSubdirectory("monitoring-bench-dashboard-").FullName;
        try
        {
            var database = Path.Combine(folder, "m.db");
            await RegisteredFleet.WriteAsync(database, Tenant, devices, offlineEvery: 200);
            var clientId = $"bench-dashboard-{runId}";
            await using var server = ServerUnderTest.Start(repo, broker, database, clientId);
            await server.WaitReadyAsync(TimeSpan.FromMinutes(5));
            Console.WriteLine("harness: dashboard: server ready; driving Chromium");

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("MONITORING_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
                Headless = true,
                Args = ChromiumFlags,
            });

            var samples = new List<Sample>();
            for (var run = 0; run < runs; run++)
            {
                samples.Add(await VisitAsync(browser, server.BaseAddress));
                Console.WriteLine($"harness: dashboard run {run + 1}/{runs}: overview {samples[^1].Cold.ReadyMs:0} ms cold, {samples[^1].Cold.Bytes:N0} bytes");
            }

            var calls = new Dictionary<string, double>();
            foreach (var call in new[] { $"api/v1/tenants/{Tenant}/fleet", $"api/v1/tenants/{Tenant}/devices?limit=50", $"dashboard/v1/tenants/{Tenant}/breakdown" })
            {
                calls[call] = await MedianCallMsAsync(server.Http, call);
            }

            await server.StopAsync();
            await broker.ForgetSessionAsync(clientId);
            Write(report, samples, calls);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Transfer(string Path, int Status, long Bytes, double Ms);

    private sealed record Load(List<Transfer> Transfers, double ReadyMs, double InteractiveMs, double DomContentLoadedMs, double FirstPaintMs, double LongTaskMs)
    {
        public long Bytes => Transfers.Sum(t => t.Bytes);
    }

    private sealed record Sample(Load Cold, Load Warm, Dictionary<string, (double Ms, long Bytes)> Views);

    private async Task<Sample> VisitAsync(IBrowser browser, Uri baseAddress)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(120_000);
        await context.AddInitScriptAsync(LongTaskObserver);
        var page = await context.NewPageAsync();
        var transfers = new List<Task<Transfer>>();
        page.RequestFinished += (_, request) => transfers.Add(TransferOf(request));

        // Cold: a browser that never saw the dashboard follows the sign-in link and waits for the overview's data.
        await page.GotoAsync($"/?key={Uri.EscapeDataString(ServerUnderTest.AdminKey)}&tenant={Tenant}");
        var cold = await SettleAsync(page, "overview", transfers);

        // Warm: the same browser opens the dashboard again; the versioned scripts and styles come from its cache.
        await page.ReloadAsync();
        var warm = await SettleAsync(page, "overview", transfers);

        var views = new Dictionary<string, (double, long)>();
        foreach (var (hash, view) in new[] { ("#/cases?status=", "cases"), ("#/devices", "devices"), ("#/devices/dev-0000199", "devices/item") })
        {
            transfers.Clear();
            await page.EvaluateAsync("hash => { location.hash = hash; }", hash);
            var load = await SettleAsync(page, view, transfers, navigation: false);
            views[view] = (load.ReadyMs, load.Bytes);
        }

        return new Sample(cold, warm, views);
    }

    /// <summary>Waits for the view's measure, then for the network to go quiet, and reads the page's timings.</summary>
    private static async Task<Load> SettleAsync(IPage page, string view, List<Task<Transfer>> transfers, bool navigation = true)
    {
        await page.WaitForFunctionAsync("name => performance.getEntriesByName(name, 'measure').length > 0", $"monitoring:{view}",
            new PageWaitForFunctionOptions { PollingInterval = 20, Timeout = 120_000 });
        var timings = await page.EvaluateAsync<JsonElement>("""
            name => {
              const m = performance.getEntriesByName(name, 'measure').at(-1);
              const nav = performance.getEntriesByType('navigation')[0];
              const paint = performance.getEntriesByName('first-contentful-paint')[0];
              const tasks = window.__longTasks ?? [];
              return {
                ready: m.startTime + m.duration, start: m.startTime,
                dcl: nav ? nav.domContentLoadedEventEnd : 0, fcp: paint ? paint.startTime : 0,
                lastTaskEnd: tasks.reduce((a, [s, d]) => Math.max(a, s + d), 0),
                blocking: tasks.filter(([s]) => s >= m.startTime).reduce((a, [, d]) => a + Math.max(0, d - 50), 0),
              };
            }
            """, $"monitoring:{view}");
        // The requests the view made have finished by its measure; give their size reports a moment to arrive.
        await Task.Delay(300);
        var done = await Task.WhenAll(transfers.ToArray());
        transfers.Clear();
        var origin = navigation ? 0 : timings.GetProperty("start").GetDouble();
        var ready = timings.GetProperty("ready").GetDouble() - origin;
        var interactive = Math.Max(ready, timings.GetProperty("lastTaskEnd").GetDouble() - origin);
        return new Load(done.ToList(), ready, interactive, timings.GetProperty("dcl").GetDouble(), timings.GetProperty("fcp").GetDouble(),
            timings.GetProperty("blocking").GetDouble());
    }

    /// <summary>The median of 5 calls with the bearer key, each waited for in turn.</summary>
    private static async Task<double> MedianCallMsAsync(HttpClient http, string path)
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static async Task<Transfer> TransferOf(IRequest request)
    {
        var sizes = await request.SizesAsync();
        var response = await request.ResponseAsync();
        var uri = new Uri(request.Url);
        var path = uri.PathAndQuery.Contains("key=", StringComparison.Ordinal) ? "/?key=…" : uri.AbsolutePath;
        return new Transfer(path, response?.Status ?? 0, sizes.ResponseHeadersSize + sizes.ResponseBodySize, request.Timing.ResponseEnd);
    }

    private void Write(Report report, List<Sample> samples, Dictionary<string, double> calls)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        string Ms(Func<Sample, double> pick) => $"{Report.N(Median(samples.Select(pick)))} ms";
        string Kb(Func<Sample, double> pick) => $"{Report.N(Median(samples.Select(pick)) / 1024, "0.0")} KiB";

        report.Heading($"Dashboard: {devices:N0} registered devices (every 200th offline), Chromium {samples.Count} cold visits at 1280×900, server with ingest,detect,api");
        report.Table(["figure", "median", "how"],
        [
            ["`/` document (signed in)", Kb(s => s.Cold.Transfers.Where(t => t.Path == "/").Sum(t => t.Bytes)), "response headers + body as transferred, after the `/?key=` redirect"],
            ["overview, cold: bytes transferred", Kb(s => s.Cold.Bytes), "every request from the sign-in link until the overview shows its data"],
            ["overview, warm: bytes transferred", Kb(s => s.Warm.Bytes), "reload: scripts and styles from the cache (versioned, immutable); API answers again"],
            ["overview, cold: first contentful paint", Ms(s => s.Cold.FirstPaintMs), "`first-contentful-paint`, from navigation start"],
            ["overview, cold: DOMContentLoaded", Ms(s => s.Cold.DomContentLoadedMs), "navigation timing"],
            ["overview, cold: data on screen", Ms(s => s.Cold.ReadyMs), "the page's `monitoring:overview` measure end: every figure drawn"],
            ["overview, cold: time to interactive", Ms(s => s.Cold.InteractiveMs), "later of data on screen and the end of the last long task (> 50 ms)"],
            ["overview, cold: blocking time after start", Ms(s => s.Cold.LongTaskMs), "sum of (long task − 50 ms) after the script started"],
            ["overview, warm: data on screen / interactive", $"{Ms(s => s.Warm.ReadyMs)} / {Ms(s => s.Warm.InteractiveMs)}", "reload with a warm cache"],
            ["case queue (all statuses): data on screen", $"{Ms(s => s.Views["cases"].Ms)}, {Kb(s => s.Views["cases"].Bytes)}", "hash navigation to `#/cases`, from the click"],
            ["device list, first page: data on screen", $"{Ms(s => s.Views["devices"].Ms)}, {Kb(s => s.Views["devices"].Bytes)}", "`#/devices`: 50 devices a page, server-side cursor"],
            ["device page: data on screen", $"{Ms(s => s.Views["devices/item"].Ms)}, {Kb(s => s.Views["devices/item"].Bytes)}", "`#/devices/dev-0000199`: device, children, cases, metrics"],
        ]);
        report.Line("Server time of the calls behind the overview (median of 5 sequential calls with the bearer key, after the visits):");
        report.Line("");
        report.Table(["call", "median"], calls.Select(c => new[] { $"`GET /{c.Key}`", $"{Report.N(c.Value)} ms" }));
        var first = samples[0].Cold.Transfers;
        report.Line("Requests of the first cold visit:");
        report.Line("");
        report.Table(["request", "status", "bytes", "ends at"],
            first.Select(t => new[] { t.Path, t.Status.ToString(CultureInfo.InvariantCulture), Report.N(t.Bytes), $"{Report.N(t.Ms)} ms" }));
    }
}
