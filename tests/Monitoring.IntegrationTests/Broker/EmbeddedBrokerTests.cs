using System.Net;
using System.Text;
using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;
using MQTTnet.Formatter;

namespace Monitoring.IntegrationTests.Broker;

/// <summary>The single-binary install: devices talk to the embedded broker and the API shows what they said.</summary>
public sealed class EmbeddedBrokerTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private MonitoringServer Server => fixture.Server;

    [Fact]
    public async Task Heartbeat_MakesDeviceOnline_WithTheRegistryFieldsAndMetricsItCarried()
    {
        var tenant = UniqueId.New("acme");
        await using var device = await DeviceClient.ConnectAsync(Server.MqttPort);

        await device.PublishHeartbeatAsync(tenant, "gw-7", """
            {"v":1,"ts":"2026-11-22T18:00:00Z","seq":1,"kind":"gateway","interval_s":30,"model":"HB-200","fw":"2.4.1",
             "site":"site-17","customer":"cust-9","uptime_s":86400,
             "metrics":{"rssi_dbm":-61,"latency_ms":23.5,"loss_pct":0.4,"battery_pct":88}}
            """);

        var seen = await Polling.Eventually(() => Server.Api.FindDeviceAsync(tenant, "gw-7"),
            d => d?.GetProperty("state").GetString() == "online", Patience, "gw-7 online");
        var gw = seen!.Value;
        Assert.Equal("gw-7", gw.GetProperty("id").GetString());
        Assert.Equal("gateway", gw.GetProperty("kind").GetString());
        Assert.Equal("site-17", gw.GetProperty("site").GetString());
        Assert.Equal("cust-9", gw.GetProperty("customer").GetString());
        Assert.Equal("HB-200", gw.GetProperty("model").GetString());
        Assert.Equal("2.4.1", gw.GetProperty("fw").GetString());
        Assert.Equal(30, gw.GetProperty("intervalSeconds").GetInt32());
        Assert.Equal(JsonValueKind.Null, gw.GetProperty("parent").ValueKind);
        var metrics = gw.GetProperty("metrics");
        Assert.Equal(-61, metrics.GetProperty("rssi_dbm").GetDouble());
        Assert.Equal(23.5, metrics.GetProperty("latency_ms").GetDouble());
        Assert.Equal(0.4, metrics.GetProperty("loss_pct").GetDouble());
        Assert.Equal(88, metrics.GetProperty("battery_pct").GetDouble());
        // Liveness is the server's receive time, not the device's clock (ts is a day old).
        var lastSeen = gw.GetProperty("lastSeen").GetDateTimeOffset();
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - lastSeen).TotalMinutes) < 5, $"lastSeen {lastSeen:O} is the receive time");
        Assert.EndsWith("Z", gw.GetProperty("lastSeen").GetString());
    }

    [Fact]
    public async Task Readyz_Answers200_NamingTheBrokerAndStoreChecksHealthy()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseAddress };

        using var response = await anonymous.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("broker").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("store").GetProperty("status").GetString());
        using var live = await anonymous.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task ClientWithEmptyClientId_IsAccepted_AndItsHeartbeatArrives(MqttProtocolVersion version)
    {
        var tenant = UniqueId.New("anon");

        await using var device = await DeviceClient.ConnectAsync(Server.MqttPort, clientId: "", version: version);
        await device.PublishHeartbeatAsync(tenant, "no-id-device", new { interval_s = 30 });

        Assert.True(device.IsConnected);
        if (version == MqttProtocolVersion.V500)
        {
            Assert.False(string.IsNullOrEmpty(device.Connected.AssignedClientIdentifier), "MQTT 5: the broker tells the client the id it assigned");
        }

        await Polling.Eventually(async () => await Server.Api.DeviceStateAsync(tenant, "no-id-device") == "online", Patience,
            $"the heartbeat of a client without id ({version}) arrives");
    }

    [Fact]
    public async Task RetainedStatusAndLastWill_MarkDeviceOfflineAtOnce_AndLaterSubscribersGetTheRetainedOffline()
    {
        var tenant = UniqueId.New("will");
        var statusTopic = DeviceClient.StatusTopic("fleet", tenant, "dev-1");
        // A 30 s interval: silence could not make it offline for a minute, only the Last Will can do it this soon.
        var device = await DeviceClient.ConnectAsync(Server.MqttPort, willTopic: statusTopic, will: """{"state":"offline"}""");
        DateTimeOffset droppedAt;
        try
        {
            await device.PublishStatusAsync(tenant, "dev-1", "online", retain: true);
            await device.PublishHeartbeatAsync(tenant, "dev-1", new { interval_s = 30 });
            await Polling.Eventually(async () => await Server.Api.DeviceStateAsync(tenant, "dev-1") == "online", Patience, "dev-1 online");
            await using (var early = await DeviceClient.ConnectAsync(Server.MqttPort))
            {
                await early.SubscribeAsync(statusTopic);
                var birth = await early.ReceiveAsync(statusTopic, Patience);
                Assert.True(birth.Retain, "the broker keeps the device's retained online status");
                Assert.Equal("online", StateOf(birth));
            }

            droppedAt = DateTimeOffset.UtcNow;
            device.DropConnection();

            await Polling.Eventually(async () => await Server.Api.DeviceStateAsync(tenant, "dev-1") == "offline", TimeSpan.FromSeconds(1),
                "dev-1 offline within 1 s of losing its connection without DISCONNECT");
        }
        finally
        {
            await device.DisposeAsync();
        }

        // The outage began when the Last Will arrived, after the last heartbeat.
        var offline = (await Server.Api.FindDeviceAsync(tenant, "dev-1"))!.Value;
        var outageStartedAt = offline.GetProperty("outageStartedAt").GetDateTimeOffset();
        Assert.True(outageStartedAt > offline.GetProperty("lastSeen").GetDateTimeOffset(),
            $"outage starts at the Last Will's arrival: {offline.GetRawText()}");
        Assert.True((outageStartedAt - droppedAt).Duration() < TimeSpan.FromSeconds(2),
            $"outage starts when the connection dropped at {droppedAt:O}: {offline.GetRawText()}");

        await using var observer = await DeviceClient.ConnectAsync(Server.MqttPort);
        await observer.SubscribeAsync(statusTopic);
        var will = await observer.ReceiveAsync(statusTopic, Patience);
        Assert.True(will.Retain, "the broker replays the Last Will as a retained message");
        Assert.Equal("offline", StateOf(will));
    }

    private static string? StateOf(MQTTnet.MqttApplicationMessage message)
    {
        using var status = JsonDocument.Parse(Encoding.UTF8.GetString(message.Payload));
        return status.RootElement.GetProperty("state").GetString();
    }
}
