using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Support;

/// <summary>An operator plans, changes, lists and removes maintenance windows through <c>…/maintenance</c>.</summary>
public sealed class MaintenanceApiTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private MonitoringServer Server => fixture.Server;

    [Fact]
    public async Task PutWindow_CreatesWith201_ReplacesWith200_AndGetShowsItsStatus()
    {
        var tenant = UniqueId.New("mw");
        var now = DateTimeOffset.UtcNow;
        var path = $"api/v1/tenants/{tenant}/maintenance/router-swap";

        using var created = await Server.Http.PutAsJsonAsync(path,
            new { scope = new { type = "site", id = "site-17" }, from = Rfc3339(now.AddHours(1)), to = Rfc3339(now.AddHours(2)), reason = "router swap" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith($"/api/v1/tenants/{tenant}/maintenance/router-swap", created.Headers.Location?.ToString());
        var scheduled = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("router-swap", scheduled.GetProperty("id").GetString());
        Assert.Equal("site", scheduled.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal("site-17", scheduled.GetProperty("scope").GetProperty("id").GetString());
        Assert.Equal("router swap", scheduled.GetProperty("reason").GetString());
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, scheduled.GetProperty("endedAt").ValueKind);

        using var replaced = await Server.Http.PutAsJsonAsync(path,
            new { scope = new { type = "tenant" }, from = Rfc3339(now.AddMinutes(-5)), to = Rfc3339(now.AddHours(2)) });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var active = await Server.Api.GetJsonAsync(path);
        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.Equal("tenant", active.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, active.GetProperty("scope").GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.Null, active.GetProperty("reason").ValueKind);
        Assert.Equal(Rfc3339(now.AddMinutes(-5)), active.GetProperty("from").GetString());
        Assert.Single((await Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/maintenance")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task DeleteWindow_KeepsItAsEndedAtTheRemoval_SoTheListStillShowsIt_ButNotAmongTheActive()
    {
        var tenant = UniqueId.New("mwd");
        var now = DateTimeOffset.UtcNow;
        await PutAsync(tenant, "gw-work", new { scope = new { type = "gateway", id = "gw-7" }, from = Rfc3339(now.AddMinutes(-10)), to = Rfc3339(now.AddHours(1)) });
        await PutAsync(tenant, "cust-work", new { scope = new { type = "customer", id = "cust-9" }, from = Rfc3339(now.AddMinutes(-5)), to = Rfc3339(now.AddHours(1)) });
        await PutAsync(tenant, "later", new { scope = new { type = "device", id = "hub-42" }, from = Rfc3339(now.AddDays(1)), to = Rfc3339(now.AddDays(2)) });
        Assert.Equal(["cust-work", "gw-work"], await IdsAsync(tenant, "?active=true"));

        using var deleted = await Server.Http.DeleteAsync($"api/v1/tenants/{tenant}/maintenance/gw-work");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var ended = await deleted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ended", ended.GetProperty("status").GetString());
        var endedAt = ended.GetProperty("endedAt").GetDateTimeOffset();
        Assert.InRange(endedAt, now.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        Assert.Equal(["cust-work"], await IdsAsync(tenant, "?active=true"));
        Assert.Equal(["later", "gw-work"], await IdsAsync(tenant, "?active=false"));
        Assert.Equal(["later", "cust-work", "gw-work"], await IdsAsync(tenant, ""));
        var kept = await Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/maintenance/gw-work");
        Assert.Equal("ended", kept.GetProperty("status").GetString());
        Assert.Equal(endedAt, kept.GetProperty("endedAt").GetDateTimeOffset());

        using var again = await Server.Http.DeleteAsync($"api/v1/tenants/{tenant}/maintenance/gw-work");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(endedAt, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endedAt").GetDateTimeOffset());
        using var unknown = await Server.Http.DeleteAsync($"api/v1/tenants/{tenant}/maintenance/no-such-window");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"from":"2026-12-01T10:00:00Z","to":"2026-12-01T11:00:00Z"}""", "scope is required")]
    [InlineData("""{"scope":{"type":"building","id":"b1"},"from":"2026-12-01T10:00:00Z","to":"2026-12-01T11:00:00Z"}""", "scope.type must be one of")]
    [InlineData("""{"scope":{"type":"tenant","id":"acme"},"from":"2026-12-01T10:00:00Z","to":"2026-12-01T11:00:00Z"}""", "tenant scope has no id")]
    [InlineData("""{"scope":{"type":"device"},"from":"2026-12-01T10:00:00Z","to":"2026-12-01T11:00:00Z"}""", "scope.id of a device")]
    [InlineData("""{"scope":{"type":"site","id":"site-17"},"to":"2026-12-01T11:00:00Z"}""", "from and to are required")]
    [InlineData("""{"scope":{"type":"site","id":"site-17"},"from":"soon","to":"2026-12-01T11:00:00Z"}""", "from must be an RFC 3339")]
    [InlineData("""{"scope":{"type":"site","id":"site-17"},"from":"2026-12-01T11:00:00Z","to":"2026-12-01T11:00:00Z"}""", "from must be before to")]
    [InlineData("""{"scope":{"type":"site","id":"site-17"},"from":"2026-12-01T12:00:00+01:00","to":"2026-12-01T10:30:00Z"}""", "from must be before to")]
    [InlineData("""{"scope":"site-17"}""", "not valid JSON for this call")]
    public async Task PutWindow_BadBody_Is400ProblemSayingWhy(string body, string expected)
    {
        using var response = await Server.Http.PutAsync($"api/v1/tenants/{UniqueId.New("mwb")}/maintenance/w1",
            new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PutWindow_WithABadIdOrActiveFilter_Is400()
    {
        var tenant = UniqueId.New("mwi");
        using var badId = await Server.Http.PutAsJsonAsync($"api/v1/tenants/{tenant}/maintenance/bad%20id",
            new { scope = new { type = "tenant" }, from = "2026-12-01T10:00:00Z", to = "2026-12-01T11:00:00Z" });
        await ProblemAssert.IsProblemAsync(badId, HttpStatusCode.BadRequest);
        using var badFilter = await Server.Http.GetAsync($"api/v1/tenants/{tenant}/maintenance?active=yes");
        await ProblemAssert.IsProblemAsync(badFilter, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Maintenance_AnotherTenantsKeyIs403_AndNoKeyIs401_BeforeTheBodyOrTheWindowIsLookedAt()
    {
        var tenant = UniqueId.New("mwa");
        var now = DateTimeOffset.UtcNow;
        await PutAsync(tenant, "w1", new { scope = new { type = "tenant" }, from = Rfc3339(now), to = Rfc3339(now.AddHours(1)) });
        var other = UniqueId.New("mwo");
        var foreign = Server.CreateClient(await Server.Api.IssueKeyAsync(other));
        var anonymous = Server.CreateClient(null);
        var path = $"api/v1/tenants/{tenant}/maintenance";
        var badBody = new StringContent("""{"scope":{"type":"tenant","id":"x"}}""", Encoding.UTF8, "application/json");

        await ProblemAssert.IsProblemAsync(await anonymous.PutAsync($"{path}/w2", badBody), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await anonymous.DeleteAsync($"{path}/no-such-window"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await foreign.PutAsync($"{path}/w2", badBody), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await foreign.DeleteAsync($"{path}/w1"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await foreign.GetAsync(path), HttpStatusCode.Forbidden);

        Assert.Equal("active", (await Server.Api.GetJsonAsync($"{path}/w1")).GetProperty("status").GetString());
        var own = await foreign.GetFromJsonAsync<JsonElement>($"api/v1/tenants/{other}/maintenance");
        Assert.Empty(own.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, own.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task MaintenanceList_PagesWithACursor_LatestStartFirst()
    {
        var tenant = UniqueId.New("mwp");
        var start = DateTimeOffset.UtcNow.AddDays(1);
        string[] ids = ["w1", "w2", "w3", "w4", "w5"];
        for (var i = 0; i < ids.Length; i++)
        {
            await PutAsync(tenant, ids[i], new { scope = new { type = "device", id = $"d{i}" }, from = Rfc3339(start.AddHours(i)), to = Rfc3339(start.AddHours(i + 1)) });
        }

        var pages = await Server.Api.PagesAsync($"api/v1/tenants/{tenant}/maintenance?limit=2");

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        var seen = pages.SelectMany(p => p).Select(w => w.GetProperty("id").GetString()!);
        Assert.Equal(ids.Reverse(), seen);
    }

    private static string Rfc3339(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task PutAsync(string tenant, string id, object body)
    {
        using var response = await Server.Http.PutAsJsonAsync($"api/v1/tenants/{tenant}/maintenance/{id}", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<List<string>> IdsAsync(string tenant, string query) =>
        (await Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/maintenance{query}")).GetProperty("items").EnumerateArray()
            .Select(w => w.GetProperty("id").GetString()!).ToList();
}
