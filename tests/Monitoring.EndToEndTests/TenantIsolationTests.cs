using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Monitoring.EndToEndTests.Browser;
using Monitoring.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Monitoring.EndToEndTests;

/// <summary>A tenant's key signs a browser in to that tenant only: other tenants are refused in the page and in the API.</summary>
[Collection(DashboardCollection.Name)]
public sealed class TenantIsolationTests(DashboardFixture fixture)
{
    [Fact]
    public async Task ATenantKeysSession_SeesOnlyItsTenant_AndIsRefusedAnotherInThePageAndTheApi()
    {
        var mine = UniqueId.New("iso-a");
        var theirs = UniqueId.New("iso-b");
        var server = fixture.Server;
        await using (var client = await DeviceClient.ConnectAsync(server.MqttPort))
        {
            await client.PublishHeartbeatAsync(mine, "a-1", new { interval_s = 600, site = "site-a" });
            await client.PublishHeartbeatAsync(theirs, "b-1", new { interval_s = 600, site = "site-b" });
        }

        await Polling.Eventually(async () => await server.Api.DeviceStateAsync(theirs, "b-1") == "online", TimeSpan.FromSeconds(15), "both tenants' devices online");
        using var issued = await server.Http.PostAsync($"api/v1/tenants/{mine}/keys", null);
        issued.EnsureSuccessStatusCode();
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;

        var page = await fixture.SignedInPageAsync(key, tenant: null);
        await Expect(page.Locator(".tenant-picker")).ToHaveTextAsync($"Tenant {mine}");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Tenant", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-figure=devices-online]")).ToHaveTextAsync("1");
        await page.GotoAsync("/#/devices");
        await Expect(page.Locator("tr[data-device]")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-device='a-1']")).ToBeVisibleAsync();

        var refused = await page.GotoAsync($"/?tenant={theirs}");
        Assert.Equal(403, refused!.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"reaches only tenant '{mine}'");
        Assert.Equal(403, await PageProbe.FetchStatusAsync(page, $"/api/v1/tenants/{theirs}/devices"));
        Assert.Equal(403, await PageProbe.FetchStatusAsync(page, $"/api/v1/tenants/{theirs}/devices/b-1"));
        Assert.Equal(403, await PageProbe.FetchStatusAsync(page, $"/dashboard/v1/tenants/{theirs}/breakdown"));
        await Screenshots.SaveAsync(page, "tenant-refused");

        await page.GotoAsync("/#/devices/b-1");
        await Expect(page.Locator("#device-header")).ToContainTextAsync($"no device 'b-1' in tenant '{mine}'");
        await Expect(page.Locator(".tenant-picker")).ToHaveTextAsync($"Tenant {mine}");
    }
}
