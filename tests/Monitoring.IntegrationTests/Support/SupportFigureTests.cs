using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Support;

/// <summary>
/// The support figures over cases the real server opened for real MQTT devices that fell silent, and contacts support
/// recorded. The servers run with interval 1 s × 2 missed heartbeats and ConfirmAfter 1 s.
/// </summary>
public sealed class SupportFigureTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private MonitoringServer Server => fixture.Server;

    [Fact]
    public async Task Kpis_FromRealCasesAndContacts_GiveTimeToDetect_ShareDetectedFirst_AutoRecoveredShare_AndTimeToResolve()
    {
        // RecoveryStable 4 s leaves support the time to close a case by hand once its device is back.
        await using var server = await MonitoringServer.StartAsync("--Detection:RecoveryStable=00:00:04");
        var tenant = UniqueId.New("kpi");
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        // Separate sites and customers: two unrelated device outages, not one site outage.
        var hub = new { interval_s = 1, site = "site-1", customer = "cust-1" };
        var router = new { interval_s = 1, site = "site-2", customer = "cust-2" };
        await device.PublishHeartbeatAsync(tenant, "hub-1", hub);
        await device.PublishHeartbeatAsync(tenant, "router-2", router);
        await Polling.Eventually(async () => await server.Api.DeviceStateAsync(tenant, "hub-1") == "online"
            && await server.Api.DeviceStateAsync(tenant, "router-2") == "online", Patience, "both devices online");

        // Both fall silent. router-2's customer calls right after its last heartbeat, before the monitor can know.
        var routerLastSeen = (await server.Api.FindDeviceAsync(tenant, "router-2"))!.Value.GetProperty("lastSeen").GetDateTimeOffset();
        await RecordContactAsync(server, tenant, new { customer = "cust-2", at = routerLastSeen.AddMilliseconds(500).ToString("O"), channel = "phone" });
        var hubCase = await OpenCaseAsync(server, tenant, "hub-1");
        var routerCase = await OpenCaseAsync(server, tenant, "router-2");
        Assert.True(routerCase.GetProperty("openedAt").GetDateTimeOffset() > routerLastSeen.AddMilliseconds(500));

        // hub-1's customer calls after its case opened. Both come back; support closes router-2's case by hand as fixed
        // before it would resolve by itself, while hub-1's case resolves by itself.
        await RecordContactAsync(server, tenant, new { device = "hub-1", channel = "email" });
        var (hubResolved, routerResolved) = await WhileHeartbeatingAsync(device, tenant, [("hub-1", hub), ("router-2", router)], async () =>
        {
            await Polling.Eventually(async () => await server.Api.DeviceStateAsync(tenant, "router-2") == "online", Patience, "router-2 back online");
            using (var resolve = await server.Http.PostAsJsonAsync($"api/v1/tenants/{tenant}/cases/{Id(routerCase)}/resolve", new { resolution = "fixed" }))
            {
                Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
            }

            var auto = await Polling.Eventually(() => server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/cases/{Id(hubCase)}"),
                c => c.GetProperty("status").GetString() == "resolved", Patience, "hub-1's case resolves by itself");
            return (auto, await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/cases/{Id(routerCase)}"));
        });
        Assert.Equal("auto_recovered", hubResolved.GetProperty("resolution").GetString());
        Assert.Equal("fixed", routerResolved.GetProperty("resolution").GetString());
        Assert.Equal(2, (await server.Api.CasesAsync(tenant)).Count);

        var kpis = await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/kpis");

        Assert.Equal(2, kpis.GetProperty("outages").GetInt32());
        Assert.Equal(2, kpis.GetProperty("contacts").GetInt32());
        Assert.Equal(2, kpis.GetProperty("casesOpened").GetProperty("device_offline").GetInt32());
        Assert.Equal(0, kpis.GetProperty("casesOpened").GetProperty("site_outage").GetInt32());
        AssertNear(Mean(Seconds(hubResolved, "outageStartedAt", "openedAt"), Seconds(routerResolved, "outageStartedAt", "openedAt")),
            kpis.GetProperty("meanTimeToDetectSeconds").GetDouble());
        Assert.InRange(kpis.GetProperty("meanTimeToDetectSeconds").GetDouble(), 3, 10);
        Assert.Equal(0.5, kpis.GetProperty("detectedBeforeContactRatio").GetDouble());
        Assert.Equal(0.5, kpis.GetProperty("autoRecoveredRatio").GetDouble());
        AssertNear(Mean(Seconds(hubResolved, "openedAt", "resolvedAt"), Seconds(routerResolved, "openedAt", "resolvedAt")),
            kpis.GetProperty("meanTimeToResolveSeconds").GetDouble());
        var to = kpis.GetProperty("to").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(7), to - kpis.GetProperty("from").GetDateTimeOffset());
        Assert.InRange(to, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);

        // A range after both outages began holds none of them: nothing to average, so no figure.
        var later = await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/kpis?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}");
        Assert.Equal(0, later.GetProperty("outages").GetInt32());
        foreach (var figure in new[] { "meanTimeToDetectSeconds", "detectedBeforeContactRatio", "autoRecoveredRatio", "meanTimeToResolveSeconds" })
        {
            Assert.Equal(JsonValueKind.Null, later.GetProperty(figure).ValueKind);
        }
    }

    [Fact]
    public async Task Kpis_OfATenantNothingHasNamed_AreNullFiguresAndZeroCounts()
    {
        var kpis = await Server.Api.GetJsonAsync($"api/v1/tenants/{UniqueId.New("nokpi")}/kpis?from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z");

        Assert.Equal("2026-11-01T00:00:00.000Z", kpis.GetProperty("from").GetString());
        Assert.Equal("2026-11-08T00:00:00.000Z", kpis.GetProperty("to").GetString());
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("meanTimeToDetectSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("detectedBeforeContactRatio").ValueKind);
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("autoRecoveredRatio").ValueKind);
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("meanTimeToResolveSeconds").ValueKind);
        Assert.Equal(0, kpis.GetProperty("outages").GetInt32());
        Assert.Equal(0, kpis.GetProperty("contacts").GetInt32());
        Assert.Equal(7, kpis.GetProperty("casesOpened").EnumerateObject().Count());
        Assert.All(kpis.GetProperty("casesOpened").EnumerateObject(), kind => Assert.Equal(0, kind.Value.GetInt32()));
    }

    [Theory]
    [InlineData("?from=last-week", "from must be an RFC 3339")]
    [InlineData("?from=2026-11-08T00:00:00Z&to=2026-11-01T00:00:00Z", "from must be before to")]
    [InlineData("?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "at most 366 days")]
    public async Task Kpis_BadRange_Is400_ButOnlyAfterTheKeyCheck(string query, string expected)
    {
        var path = $"api/v1/tenants/{UniqueId.New("kpib")}/kpis{query}";

        using var anonymous = await Server.CreateClient(null).GetAsync(path);
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        using var foreign = await Server.CreateClient(await Server.Api.IssueKeyAsync(UniqueId.New("kpio"))).GetAsync(path);
        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.Forbidden);
        using var admin = await Server.Http.GetAsync(path);
        var problem = await ProblemAssert.IsProblemAsync(admin, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
    }

    private static string Id(JsonElement c) => c.GetProperty("id").GetString()!;

    private static double Seconds(JsonElement c, string from, string to) =>
        (c.GetProperty(to).GetDateTimeOffset() - c.GetProperty(from).GetDateTimeOffset()).TotalSeconds;

    private static double Mean(double a, double b) => (a + b) / 2;

    /// <summary>Equal to the millisecond the cases' timestamps carry.</summary>
    private static void AssertNear(double expected, double actual) => Assert.InRange(actual, expected - 0.001, expected + 0.001);

    private static async Task<JsonElement> OpenCaseAsync(MonitoringServer server, string tenant, string deviceId) =>
        Assert.Single(await Polling.Eventually(() => server.Api.CasesAsync(tenant, $"device={deviceId}"), c => c.Count > 0, Patience, $"a case for {deviceId}"));

    private static async Task RecordContactAsync(MonitoringServer server, string tenant, object body)
    {
        using var response = await server.Http.PostAsync($"api/v1/tenants/{tenant}/contacts",
            new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Runs <paramref name="until"/> while the devices report every 250 ms.</summary>
    private static async Task<T> WhileHeartbeatingAsync<T>(DeviceClient client, string tenant, (string Id, object Heartbeat)[] devices, Func<Task<T>> until)
    {
        using var stop = new CancellationTokenSource();
        var beating = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (id, heartbeat) in devices)
                {
                    await client.PublishHeartbeatAsync(tenant, id, heartbeat);
                }

                await Task.Delay(250, CancellationToken.None);
            }
        });
        try
        {
            return await until();
        }
        finally
        {
            await stop.CancelAsync();
            await beating;
        }
    }
}
