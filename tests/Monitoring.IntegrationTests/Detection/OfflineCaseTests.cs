using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Detection;

/// <summary>
/// A device falls silent and comes back: one well-explained case opens, then resolves by itself. The server runs
/// with interval 1 s × 2 missed heartbeats, ConfirmAfter 1 s and RecoveryStable 1 s.
/// </summary>
public sealed class OfflineCaseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SilentDevice_GetsExactlyOneOfflineCase_ThatResolvesByItselfWhenHeartbeatsResume()
    {
        await using var server = await MonitoringServer.StartAsync();
        const string tenant = "acme";
        const string id = "hb-1";
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        var heartbeat = new { interval_s = 1, model = "HB-200", fw = "2.4.1", site = "site-17", customer = "cust-9", metrics = new { rssi_dbm = -85 } };

        await device.PublishHeartbeatAsync(tenant, id, heartbeat);
        var publishedAt = DateTimeOffset.UtcNow;
        await Polling.Eventually(async () => await server.Api.DeviceStateAsync(tenant, id) == "online", Patience, "hb-1 online");

        // Silence: no more heartbeats until the case is open.
        var cases = await Polling.Eventually(() => server.Api.CasesAsync(tenant, $"device={id}"), c => c.Count > 0, Patience, "a case for hb-1");
        var lastSeen = (await server.Api.FindDeviceAsync(tenant, id))!.Value.GetProperty("lastSeen").GetDateTimeOffset();
        Assert.Equal("offline", await server.Api.DeviceStateAsync(tenant, id));

        var opened = Assert.Single(cases);
        Assert.Equal("device_offline", opened.GetProperty("kind").GetString());
        Assert.Equal("open", opened.GetProperty("status").GetString());
        Assert.Equal("device", opened.GetProperty("subject").GetProperty("type").GetString());
        Assert.Equal(id, opened.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal([id], opened.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("cust-9", opened.GetProperty("customer").GetString());
        Assert.Equal("site-17", opened.GetProperty("site").GetString());
        var outageStartedAt = opened.GetProperty("outageStartedAt").GetDateTimeOffset();
        Assert.Equal(lastSeen, outageStartedAt);
        Assert.True((outageStartedAt - publishedAt).Duration() < TimeSpan.FromSeconds(2),
            $"outageStartedAt {outageStartedAt:O} is the receive time of the last heartbeat, published at {publishedAt:O}");
        var openedAt = opened.GetProperty("openedAt").GetDateTimeOffset();
        Assert.True(openedAt - outageStartedAt >= TimeSpan.FromSeconds(3),
            $"opened at {openedAt:O}: not before 2 missed 1 s heartbeats plus ConfirmAfter 1 s after {outageStartedAt:O}");
        Assert.False(string.IsNullOrWhiteSpace(opened.GetProperty("title").GetString()));
        Assert.Contains(id, opened.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(opened.GetProperty("suspectedCause").GetString()));
        var steps = opened.GetProperty("suggestedSteps").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.False(string.IsNullOrWhiteSpace(s)));
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("resolvedAt").ValueKind);
        var caseId = opened.GetProperty("id").GetString()!;
        var fleet = await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/fleet");
        Assert.Equal(1, fleet.GetProperty("devices").GetInt32());
        Assert.Equal(1, fleet.GetProperty("devicesByState").GetProperty("offline").GetInt32());
        Assert.Equal(1, fleet.GetProperty("openCasesByKind").GetProperty("device_offline").GetInt32());

        // The device comes back and keeps reporting every 250 ms until the case has resolved.
        using var stop = new CancellationTokenSource();
        var resumed = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await device.PublishHeartbeatAsync(tenant, id, heartbeat);
                await Task.Delay(250, CancellationToken.None);
            }
        });
        JsonElement resolved;
        try
        {
            resolved = await Polling.Eventually(() => server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/cases/{caseId}"),
                c => c.GetProperty("status").GetString() == "resolved", Patience, "the case resolves once hb-1 is stably back");
        }
        finally
        {
            await stop.CancelAsync();
            await resumed;
        }

        Assert.Equal("auto_recovered", resolved.GetProperty("resolution").GetString());
        Assert.Equal(JsonValueKind.String, resolved.GetProperty("resolvedAt").ValueKind);
        var events = resolved.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Contains("opened", events);
        Assert.Contains("device_online", events);
        Assert.Equal("resolved", events[^1]);
        Assert.Equal("online", await server.Api.DeviceStateAsync(tenant, id));
        Assert.Single(await server.Api.CasesAsync(tenant, $"device={id}"));

        var openedCount = await Polling.Eventually(async () => (await server.Api.MetricsAsync()).Sum("monitoring_cases_opened_total", ("kind", "device_offline")),
            n => n >= 1, Patience, "monitoring_cases_opened_total{kind=\"device_offline\"} counts the case");
        Assert.Equal(1, openedCount);
    }
}
