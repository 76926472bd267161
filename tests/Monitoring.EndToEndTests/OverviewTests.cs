using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Monitoring.EndToEndTests.Browser;
using Monitoring.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Monitoring.EndToEndTests;

/// <summary>The fleet overview shows what the API says, and stays usable on a tablet, in dark mode and by keyboard.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OverviewTests(DashboardFixture fixture)
{
    private static readonly string[] States = ["online", "offline", "unreachable", "unknown"];
    private static readonly string[] Kinds = ["device_offline", "gateway_offline", "site_outage", "cohort_outage", "flapping", "degraded_connectivity", "fleet_incident"];

    [Fact]
    public async Task TheOverviewsNumbers_EqualTheApis()
    {
        var tenant = UniqueId.New("ov");
        await SeedMixedFleetAsync(tenant);
        var page = await fixture.SignedInPageAsync(fixture.AdminKey, tenant);

        var fleet = await fixture.Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/fleet");
        foreach (var state in States)
        {
            var expected = fleet.GetProperty("devicesByState").GetProperty(state).GetInt32();
            await Expect(page.Locator($"[data-figure=devices-{state}]")).ToHaveTextAsync(expected.ToString(CultureInfo.InvariantCulture));
        }

        var kinds = fleet.GetProperty("openCasesByKind");
        foreach (var kind in Kinds)
        {
            var expected = kinds.TryGetProperty(kind, out var count) ? count.GetInt32() : 0;
            await Expect(page.Locator($"[data-figure=cases-{kind}]")).ToHaveTextAsync(expected.ToString(CultureInfo.InvariantCulture));
        }

        await Expect(page.GetByText($"Tenant {tenant} · {fleet.GetProperty("devices").GetInt32()} devices")).ToBeVisibleAsync();
        // Availability moves with the clock while devices are down: wait until the page shows the API's figure of a
        // moment before or after it was read.
        await Polling.Eventually(async () =>
        {
            var before = Percent((await fixture.Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/fleet")).GetProperty("availability24h").GetDouble());
            var shown = await page.Locator("[data-figure=availability-24h]").TextContentAsync();
            var after = Percent((await fixture.Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/fleet")).GetProperty("availability24h").GetDouble());
            return shown == before || shown == after;
        }, TimeSpan.FromSeconds(10), "the page's 24 h availability equals the API's");

        var open = (await fixture.Server.Api.CasesAsync(tenant, "status=open&limit=1000")).Concat(await fixture.Server.Api.CasesAsync(tenant, "status=acknowledged&limit=1000"));
        foreach (var severity in new[] { "critical", "major", "minor" })
        {
            var expected = open.Count(c => c.GetProperty("severity").GetString() == severity);
            await Expect(page.Locator($"[data-figure=severity-{severity}]")).ToHaveTextAsync(expected.ToString(CultureInfo.InvariantCulture));
        }

        // The support figures move as cases open and resolve: wait until the page shows the API's of a moment before or after.
        await Polling.Eventually(async () =>
        {
            var before = await fixture.Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/kpis");
            var shown = await ShownSupportFiguresAsync(page);
            var after = await fixture.Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/kpis");
            return shown == SupportFigures(before) || shown == SupportFigures(after);
        }, TimeSpan.FromSeconds(10), "the page's support figures equal the API's");
        var kpis = await fixture.Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/kpis");
        var offlineOpened = kpis.GetProperty("casesOpened").GetProperty("device_offline").GetInt32();
        await Expect(page.Locator("#support-figures")).ToContainTextAsync($"Device offline {offlineOpened}");
        await Expect(page.Locator("#sites .site")).ToHaveCountAsync(3);
        await Expect(page.Locator("#sites .site.health-down")).ToContainTextAsync("site-b");
        Assert.False(await PageProbe.OverflowsHorizontallyAsync(page), "the overview fits 1280 px without a horizontal scroll bar");
        await Screenshots.SaveAsync(page, "overview-1280-light");
    }

    private static readonly string[] Figures = ["meanTimeToDetectSeconds", "detectedBeforeContactRatio", "autoRecoveredRatio", "meanTimeToResolveSeconds"];

    private static async Task<string> ShownSupportFiguresAsync(IPage page)
    {
        var shown = new List<string>();
        foreach (var figure in Figures)
        {
            shown.Add(await page.Locator($"[data-figure={figure}]").TextContentAsync() ?? "");
        }

        return string.Join(" | ", shown);
    }

    /// <summary>The API's figures as the overview writes them: "–" for none, times like "41 s" or "3 min 5 s", shares as "50.0 %".</summary>
    private static string SupportFigures(JsonElement kpis) => string.Join(" | ", Figures.Select(figure =>
    {
        var value = kpis.GetProperty(figure);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return "–";
        }

        var v = value.GetDouble();
        return figure.EndsWith("Ratio", StringComparison.Ordinal) ? Share(v) : Duration(v);
    }));

    private static string Share(double ratio)
    {
        if (ratio is 0 or 1)
        {
            return $"{ratio * 100} %";
        }

        var digits = ratio >= 0.99 ? 2 : 1;
        var scale = Math.Pow(10, digits);
        return (Math.Floor(ratio * 100 * scale) / scale).ToString($"F{digits}", CultureInfo.InvariantCulture) + " %";
    }

    private static string Duration(double seconds)
    {
        var s = (long)Math.Max(0, Math.Round(seconds, MidpointRounding.AwayFromZero));
        return s switch
        {
            < 60 => $"{s} s",
            < 3600 => s % 60 == 0 ? $"{s / 60} min" : $"{s / 60} min {s % 60} s",
            < 86400 => $"{s / 3600} h {s % 3600 / 60} min",
            _ => $"{s / 86400} d {s % 86400 / 3600} h",
        };
    }

    [Fact]
    public async Task OnATabletInDarkMode_TheOverviewFitsTheScreen_InDarkColours()
    {
        var tenant = UniqueId.New("tab");
        await SeedMixedFleetAsync(tenant);
        var page = await fixture.SignedInPageAsync(fixture.AdminKey, tenant, width: 820, height: 1180, colorScheme: ColorScheme.Dark);
        await Expect(page.Locator("[data-figure=devices-offline]")).ToHaveTextAsync("2");

        Assert.False(await PageProbe.OverflowsHorizontallyAsync(page), "the overview fits a 820 px tablet without a horizontal scroll bar");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(15, 20, 26)", background);
        await Screenshots.SaveAsync(page, "overview-tablet-dark");
    }

    [Fact]
    public async Task EveryControlOfEveryView_HasALabel_AndTheKeyboardReachesTheSkipLinkFirst()
    {
        var tenant = UniqueId.New("a11y");
        await SeedMixedFleetAsync(tenant);
        var page = await fixture.SignedInPageAsync(fixture.AdminKey, tenant);
        var caseId = (await fixture.Server.Api.CasesAsync(tenant, "status=open"))[0].GetProperty("id").GetString();

        foreach (var (view, heading) in new[] { ("#/", "Fleet overview"), ("#/cases", "Cases"), ($"#/cases/{caseId}", "Actions"), ("#/devices", "Devices"), ("#/devices/gw-1", "Registry and state") })
        {
            await page.GotoAsync($"/{view}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            Assert.Empty(await PageProbe.UnlabelledControlsAsync(page));
        }

        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cases", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Two devices and a gateway with two children online (site-a, site-c), a device offline by its status (site-b),
    /// a second gateway of site-c offline by its status, one device registered through the API and never heard
    /// (unknown); cases open for the offline device and the gateway.
    /// </summary>
    private async Task SeedMixedFleetAsync(string tenant)
    {
        var server = fixture.Server;
        await using var client = await DeviceClient.ConnectAsync(server.MqttPort);
        await client.PublishHeartbeatAsync(tenant, "hub-1", new { interval_s = 600, model = "HB-200", fw = "2.4.1", site = "site-a", customer = "cust-1", metrics = new { rssi_dbm = -61 } });
        await client.PublishHeartbeatAsync(tenant, "hub-2", new { interval_s = 600, model = "HB-200", fw = "2.4.1", site = "site-a", customer = "cust-2" });
        await client.PublishHeartbeatAsync(tenant, "hub-3", new { interval_s = 600, model = "HB-200", fw = "2.4.2", site = "site-b", customer = "cust-3", metrics = new { rssi_dbm = -84 } });
        await client.PublishHeartbeatAsync(tenant, "gw-1", new
        {
            kind = "gateway", interval_s = 600, model = "GW-10", fw = "1.0.0", site = "site-c", customer = "cust-4",
            children = new object[] { new { id = "sensor-1", online = true }, new { id = "sensor-2", online = true } },
        });
        await client.PublishHeartbeatAsync(tenant, "gw-2", new
        {
            kind = "gateway", interval_s = 600, model = "GW-10", fw = "1.0.0", site = "site-c", customer = "cust-5",
            children = new object[] { new { id = "sensor-3", online = true }, new { id = "sensor-4", online = true } },
        });
        await Polling.Eventually(async () => await server.Api.DeviceStateAsync(tenant, "sensor-4") == "online", TimeSpan.FromSeconds(15), "the seeded devices online");
        await client.PublishStatusAsync(tenant, "hub-3", "offline", retain: false);
        await client.PublishStatusAsync(tenant, "gw-2", "offline", retain: false);
        using var put = await server.Http.PutAsync($"api/v1/tenants/{tenant}/devices/spare-1",
            new StringContent("""{"site":"site-a","model":"HB-200"}""", System.Text.Encoding.UTF8, "application/json"));
        put.EnsureSuccessStatusCode();
        await Polling.Eventually(async () =>
        {
            var kinds = (await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/fleet")).GetProperty("openCasesByKind");
            return Count(kinds, "device_offline") == 1 && Count(kinds, "gateway_offline") == 1;
        }, TimeSpan.FromSeconds(20), "a device_offline and a gateway_offline case open");
    }

    private static int Count(JsonElement kinds, string kind) => kinds.TryGetProperty(kind, out var n) ? n.GetInt32() : 0;

    /// <summary>The page's percentage: floored, two decimals from 99 % up, one below, none for 0 and 100.</summary>
    private static string Percent(double ratio)
    {
        if (ratio is 0 or 1)
        {
            return $"{ratio * 100:0} %";
        }

        var digits = ratio >= 0.99 ? 2 : 1;
        var scale = Math.Pow(10, digits);
        return (Math.Floor(ratio * 100 * scale) / scale).ToString(digits == 2 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " %";
    }
}
