using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Detection;

/// <summary>
/// One case per real problem, over the real broker and API: a gateway with its children, a whole site, a flapping
/// device. The server runs with 1 s intervals × 2 missed heartbeats, ConfirmAfter 1 s, a pass every 200 ms.
/// </summary>
public sealed class CorrelatedCaseTests
{
    private const string Tenant = "acme";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task GatewayDrops_OneGatewayCaseNamingItsUnreachableChildren()
    {
        await using var server = await MonitoringServer.StartAsync();
        await using var gateway = await DeviceClient.ConnectAsync(server.MqttPort);
        var heartbeat = new
        {
            interval_s = 1, kind = "gateway", site = "site-17", customer = "cust-9",
            children = new[] { new { id = "sensor-1", online = true }, new { id = "sensor-2", online = true } },
        };
        await gateway.PublishHeartbeatAsync(Tenant, "gw-7", heartbeat);
        await Polling.Eventually(async () => await server.Api.DeviceStateAsync(Tenant, "sensor-2") == "online", Patience, "children online");

        var cases = await Polling.Eventually(() => server.Api.CasesAsync(Tenant), c => c.Count > 0, Patience, "a case for gw-7");
        await Task.Delay(TimeSpan.FromSeconds(2));
        cases = await server.Api.CasesAsync(Tenant);

        var only = Assert.Single(cases);
        Assert.Equal("gateway_offline", only.GetProperty("kind").GetString());
        Assert.Equal(["gw-7", "sensor-1", "sensor-2"], Ids(only.GetProperty("devices")));
        Assert.Equal("Gateway gw-7 offline — 2 devices behind it unreachable", only.GetProperty("title").GetString());
        Assert.Equal("unreachable", await server.Api.DeviceStateAsync(Tenant, "sensor-1"));
        Assert.Equal("unreachable", await server.Api.DeviceStateAsync(Tenant, "sensor-2"));
        Assert.Equal("offline", await server.Api.DeviceStateAsync(Tenant, "gw-7"));
    }

    [Fact]
    public async Task WholeSiteDrops_OneSiteCaseAndNoDeviceCases()
    {
        await using var server = await MonitoringServer.StartAsync();
        await using var devices = await DeviceClient.ConnectAsync(server.MqttPort);
        foreach (var id in new[] { "hub-1", "hub-2", "hub-3" })
        {
            await devices.PublishHeartbeatAsync(Tenant, id, new { interval_s = 1, site = "site-9", customer = "cust-4" });
        }

        await Polling.Eventually(async () => await server.Api.DeviceStateAsync(Tenant, "hub-3") == "online", Patience, "site-9 online");
        await Polling.Eventually(() => server.Api.CasesAsync(Tenant), c => c.Count > 0, Patience, "a case for site-9");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var cases = await server.Api.CasesAsync(Tenant);

        var only = Assert.Single(cases);
        Assert.Equal("site_outage", only.GetProperty("kind").GetString());
        Assert.Equal(("site", "site-9"), (only.GetProperty("subject").GetProperty("type").GetString(), only.GetProperty("subject").GetProperty("id").GetString()));
        Assert.Equal(["hub-1", "hub-2", "hub-3"], Ids(only.GetProperty("devices")).Order(StringComparer.Ordinal));
        Assert.Equal("cust-4", only.GetProperty("customer").GetString());
        Assert.Contains("internet connection", only.GetProperty("suspectedCause").GetString());
    }

    [Fact]
    public async Task DeviceFlaps_OneFlappingCaseAndNoOfflineCase()
    {
        await using var server = await MonitoringServer.StartAsync();
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        var heartbeat = new { interval_s = 1, site = "site-3" };
        await device.PublishHeartbeatAsync(Tenant, "hb-9", heartbeat);
        await Polling.Eventually(async () => await server.Api.DeviceStateAsync(Tenant, "hb-9") == "online", Patience, "hb-9 online");

        // Three drops of a few hundred milliseconds: each shorter than ConfirmAfter, together a flapping link.
        for (var i = 0; i < 3; i++)
        {
            await device.PublishStatusAsync(Tenant, "hb-9", "offline", retain: false);
            await Polling.Eventually(async () => await server.Api.DeviceStateAsync(Tenant, "hb-9") == "offline", Patience, "hb-9 dropped");
            await device.PublishHeartbeatAsync(Tenant, "hb-9", heartbeat);
            await Polling.Eventually(async () => await server.Api.DeviceStateAsync(Tenant, "hb-9") == "online", Patience, "hb-9 back");
        }

        using var stop = new CancellationTokenSource();
        var alive = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await device.PublishHeartbeatAsync(Tenant, "hb-9", heartbeat);
                await Task.Delay(300, CancellationToken.None);
            }
        });
        List<JsonElement> cases;
        try
        {
            await Polling.Eventually(() => server.Api.CasesAsync(Tenant), c => c.Count > 0, Patience, "a case for hb-9");
            await Task.Delay(TimeSpan.FromSeconds(2));
            cases = await server.Api.CasesAsync(Tenant);
        }
        finally
        {
            await stop.CancelAsync();
            await alive;
        }

        var only = Assert.Single(cases);
        Assert.Equal("flapping", only.GetProperty("kind").GetString());
        Assert.StartsWith("Device hb-9 flapping", only.GetProperty("title").GetString());
    }

    private static List<string> Ids(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
