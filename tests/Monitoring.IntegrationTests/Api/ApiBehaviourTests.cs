using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Api;

/// <summary>What an operator's client sees of devices and cases through the HTTP API.</summary>
public sealed class ApiBehaviourTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private MonitoringServer Server => fixture.Server;

    [Fact]
    public async Task PutDevice_RegistersWith201_UpdatesWith200_AndTheDeviceIsUnknownUntilHeard()
    {
        var tenant = UniqueId.New("reg");
        var path = $"api/v1/tenants/{tenant}/devices/gw-7";

        using var created = await Server.Http.PutAsJsonAsync(path,
            new { site = "site-17", customer = "cust-9", model = "HB-200", kind = "gateway", intervalSeconds = 45 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith($"/api/v1/tenants/{tenant}/devices/gw-7", created.Headers.Location?.ToString());
        using var updated = await Server.Http.PutAsJsonAsync(path, new { site = "site-18" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var device = await Server.Api.GetJsonAsync(path);
        Assert.Equal("unknown", device.GetProperty("state").GetString());
        Assert.Equal("site-18", device.GetProperty("site").GetString());
        Assert.Equal("cust-9", device.GetProperty("customer").GetString());
        Assert.Equal("HB-200", device.GetProperty("model").GetString());
        Assert.Equal("gateway", device.GetProperty("kind").GetString());
        Assert.Equal(45, device.GetProperty("intervalSeconds").GetInt32());
        Assert.Equal(JsonValueKind.Null, device.GetProperty("lastSeen").ValueKind);
    }

    [Fact]
    public async Task DeviceList_FiltersByStateSiteModelAndCustomer()
    {
        var tenant = UniqueId.New("filter");
        await RegisterAsync(tenant, "d1", new { site = "s1", model = "HB-200", customer = "c1" });
        await RegisterAsync(tenant, "d2", new { site = "s1", model = "HB-300", customer = "c2" });
        await RegisterAsync(tenant, "d3", new { site = "s2", model = "HB-200", customer = "c1" });
        await RegisterAsync(tenant, "d4", new { site = "s2", model = "HB-300", customer = "c2" });
        await using var device = await DeviceClient.ConnectAsync(Server.MqttPort);
        await device.PublishHeartbeatAsync(tenant, "d1", new { interval_s = 600 });
        await device.PublishHeartbeatAsync(tenant, "d4", new { interval_s = 600 });
        await Polling.Eventually(async () => await Server.Api.DeviceStateAsync(tenant, "d1") == "online"
            && await Server.Api.DeviceStateAsync(tenant, "d4") == "online", Patience, "d1 and d4 online");

        Assert.Equal(["d1", "d4"], await IdsAsync(tenant, "&state=online"));
        Assert.Equal(["d2", "d3"], await IdsAsync(tenant, "&state=unknown"));
        Assert.Equal(["d1", "d2"], await IdsAsync(tenant, "&site=s1"));
        Assert.Equal(["d1", "d3"], await IdsAsync(tenant, "&model=HB-200"));
        Assert.Equal(["d2", "d4"], await IdsAsync(tenant, "&customer=c2"));
        Assert.Equal(["d4"], await IdsAsync(tenant, "&state=online&site=s2&model=HB-300&customer=c2"));
        Assert.Empty(await IdsAsync(tenant, "&state=offline"));
    }

    [Fact]
    public async Task DeviceList_CursorPaging_WalksEveryDeviceOnce_AndTheLastPageHasNoNext()
    {
        var tenant = UniqueId.New("page");
        string[] ids = ["p1", "p2", "p3", "p4", "p5"];
        foreach (var id in ids.Reverse())
        {
            await RegisterAsync(tenant, id, new { site = "s" });
        }

        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/devices?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            var items = page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();
            seen.AddRange(items);
            pageSizes.Add(items.Count);
            cursor = page.GetProperty("next").GetString();
            Assert.True(pageSizes.Count <= 5, "paging ends");
        }
        while (cursor is not null);

        Assert.Equal([2, 2, 1], pageSizes);
        Assert.Equal(ids, seen);
    }

    [Theory]
    [InlineData("devices?limit=0")]
    [InlineData("devices?limit=1001")]
    [InlineData("devices?state=bogus")]
    [InlineData("devices?cursor=!!!")]
    [InlineData("devices?cursor=not-a-cursor")]
    [InlineData("cases?cursor=not-a-cursor")]
    [InlineData("cases?limit=0")]
    [InlineData("cases?status=bogus")]
    [InlineData("cases?kind=bogus")]
    public async Task BadListParameter_Is400Problem(string pathAndQuery)
    {
        using var response = await Server.Http.GetAsync($"api/v1/tenants/acme/{pathAndQuery}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("GET", "devices/no-such-device")]
    [InlineData("GET", "cases/c_no_such_case")]
    [InlineData("POST", "cases/c_no_such_case/acknowledge")]
    [InlineData("POST", "cases/c_no_such_case/resolve")]
    public async Task UnknownDeviceOrCase_Is404Problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"api/v1/tenants/acme/{path}");
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { });
        }

        using var response = await Server.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CaseActions_AreAllowedOrRefusedByTheCaseStatus()
    {
        var tenant = UniqueId.New("ops");
        await using (var device = await DeviceClient.ConnectAsync(Server.MqttPort))
        {
            await device.PublishHeartbeatAsync(tenant, "dev-1", new { interval_s = 1 });
        }

        var cases = await Polling.Eventually(() => Server.Api.CasesAsync(tenant, "device=dev-1"), c => c.Count > 0, Patience, "a case for the silent dev-1");
        var caseId = Assert.Single(cases).GetProperty("id").GetString()!;
        var casePath = $"api/v1/tenants/{tenant}/cases/{caseId}";

        var acknowledged = await ActAsync($"{casePath}/acknowledge", new { by = "alice" }, HttpStatusCode.OK);
        Assert.Equal("acknowledged", acknowledged.GetProperty("status").GetString());
        using (var again = await Server.Http.PostAsJsonAsync($"{casePath}/acknowledge", new { by = "alice" }))
        {
            await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        }

        var noted = await ActAsync($"{casePath}/notes", new { text = "customer called, router replaced", by = "alice" }, HttpStatusCode.OK);
        Assert.Contains(noted.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "note"
            && e.GetProperty("detail").GetString()!.Contains("customer called, router replaced", StringComparison.Ordinal));

        var resolved = await ActAsync($"{casePath}/resolve", new { resolution = "replaced_device", note = "new router" }, HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("replaced_device", resolved.GetProperty("resolution").GetString());
        Assert.Equal(JsonValueKind.String, resolved.GetProperty("resolvedAt").ValueKind);
        using (var again = await Server.Http.PostAsJsonAsync($"{casePath}/resolve", new { }))
        {
            await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        }

        var stored = await Server.Api.GetJsonAsync(casePath);
        Assert.Equal("resolved", stored.GetProperty("status").GetString());
        var events = stored.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Contains("opened", events);
        Assert.Contains("acknowledged", events);
        Assert.Contains("note", events);
        Assert.Contains("resolved", events);
    }

    [Fact]
    public async Task Metrics_NeedNoKey_AndServeThePrometheusTextFormat()
    {
        using var response = await Server.CreateClient(key: null).GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var scrape = PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(scrape.Has("monitoring_devices"), "monitoring_devices{state} is on /metrics");
        Assert.True(scrape.Has("monitoring_detection_pass_seconds_count"), "the detection pass histogram is on /metrics");
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        using var response = await Server.CreateClient(key: null).GetAsync("openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/v1/tenants/{tenant}/devices", out _));
    }

    private async Task RegisterAsync(string tenant, string id, object body)
    {
        using var response = await Server.Http.PutAsJsonAsync($"api/v1/tenants/{tenant}/devices/{id}", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<List<string>> IdsAsync(string tenant, string query) =>
        (await Server.Api.AllDevicesAsync(tenant, query)).Select(d => d.GetProperty("id").GetString()!).Order().ToList();

    private async Task<JsonElement> ActAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await Server.Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"POST {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
