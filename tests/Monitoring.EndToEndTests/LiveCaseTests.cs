using Microsoft.Playwright;
using Monitoring.EndToEndTests.Browser;
using Monitoring.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Monitoring.EndToEndTests;

/// <summary>
/// A real MQTT device goes silent while the dashboard is open: its state and its case appear without a reload; an
/// operator then acknowledges, annotates and resolves the case from the case page, and the public API agrees.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveCaseTests(DashboardFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ADeviceGoingSilent_ShowsUpLiveOnTheOpenOverview_AndItsCaseAppearsWithItsExplanation()
    {
        var tenant = UniqueId.New("live");
        var server = fixture.Server;
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        var heartbeat = new { interval_s = 1, model = "HB-200", fw = "2.4.1", site = "site-17", customer = "cust-9", metrics = new { rssi_dbm = -83, loss_pct = 0.4 } };
        using var beating = new CancellationTokenSource();
        var beats = Task.Run(async () =>
        {
            while (!beating.IsCancellationRequested)
            {
                await device.PublishHeartbeatAsync(tenant, "hub-42", heartbeat);
                await Task.Delay(300, CancellationToken.None);
            }
        });
        await Polling.Eventually(async () => await server.Api.DeviceStateAsync(tenant, "hub-42") == "online", Patience, "hub-42 online");

        var page = await fixture.SignedInPageAsync(fixture.AdminKey, tenant);
        await Expect(page.Locator("[data-figure=devices-online]")).ToHaveTextAsync("1");
        await Expect(page.Locator("#newest-cases")).ToContainTextAsync("No open cases.");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        await beating.CancelAsync();
        await beats;
        await Expect(page.Locator("[data-figure=devices-offline]")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-figure=devices-online]")).ToHaveTextAsync("0");
        var opened = await Polling.Eventually(() => server.Api.CasesAsync(tenant, "status=open"), c => c.Count == 1, Patience, "hub-42's case open");
        var title = opened[0].GetProperty("title").GetString()!;
        await Expect(page.Locator("#newest-open-cases")).ToContainTextAsync(title, new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-figure=cases-device_offline]")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page changed without a reload");
        await Screenshots.SaveAsync(page, "overview-live-case");

        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(page.Locator("#suspected-cause")).ToHaveTextAsync(opened[0].GetProperty("suspectedCause").GetString()!);
        foreach (var step in opened[0].GetProperty("suggestedSteps").EnumerateArray())
        {
            await Expect(page.Locator("ol.steps")).ToContainTextAsync(step.GetString()!);
        }

        await Expect(page.Locator("#case-devices")).ToContainTextAsync("hub-42");
        await Expect(page.Locator("#case-devices")).ToContainTextAsync("-83 dBm");
        // The metrics API serves the heartbeats' series (the embedded SQLite store): the case page charts them.
        await Expect(page.GetByRole(AriaRole.Figure, new() { Name = "RSSI of hub-42" })).ToBeVisibleAsync();
        await Expect(page.Locator("#case-metrics")).Not.ToContainTextAsync("not available yet");
        await Screenshots.SaveAsync(page, "case-page");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cases", Exact = true }).First.ClickAsync();
        await Expect(page.Locator($"tr[data-case='{opened[0].GetProperty("id").GetString()}']")).ToContainTextAsync("cust-9");
        await Screenshots.SaveAsync(page, "case-queue");
    }

    [Fact]
    public async Task AcknowledgingNotingAndResolvingACase_FromItsPage_ChangesItsStatusThroughThePublicApi()
    {
        var tenant = UniqueId.New("act");
        var server = fixture.Server;
        await using (var device = await DeviceClient.ConnectAsync(server.MqttPort))
        {
            await device.PublishHeartbeatAsync(tenant, "hub-7", new { interval_s = 1, site = "site-3", customer = "cust-3" });
        }

        var opened = await Polling.Eventually(() => server.Api.CasesAsync(tenant, "status=open"), c => c.Count == 1, Patience, "hub-7's case open");
        var id = opened[0].GetProperty("id").GetString()!;
        var page = await fixture.SignedInPageAsync(fixture.AdminKey, tenant);
        await page.GotoAsync($"/#/cases/{id}");
        var status = page.Locator("#case-header .badges");
        await Expect(status).ToContainTextAsync("open");

        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page.Locator("#action-outcome")).ToHaveTextAsync("Acknowledged.");
        await Expect(status).ToContainTextAsync("acknowledged");
        Assert.Equal("acknowledged", await CaseStatusAsync(tenant, id));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToBeDisabledAsync();

        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Called the customer: the router was unplugged.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Called the customer: the router was unplugged.");

        await page.GetByLabel("Resolution").SelectOptionAsync("customer_error");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(page.Locator("#action-outcome")).ToHaveTextAsync("Resolved.");
        await Expect(status).ToContainTextAsync("resolved");
        var resolved = await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/cases/{id}");
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("customer_error", resolved.GetProperty("resolution").GetString());
        Assert.Contains(resolved.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("detail").GetString()?.Contains("router was unplugged", StringComparison.Ordinal) == true);
        await Screenshots.SaveAsync(page, "case-resolved");
    }

    private async Task<string?> CaseStatusAsync(string tenant, string id) =>
        (await fixture.Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/cases/{id}")).GetProperty("status").GetString();
}
