using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Support;

/// <summary>Support records customers getting in touch through <c>POST …/contacts</c> and lists them back.</summary>
public sealed class ContactApiTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private MonitoringServer Server => fixture.Server;

    [Fact]
    public async Task PostContact_Answers201WithTheStoredContact_DefaultingAtToNowAndChannelToUnknown()
    {
        var tenant = UniqueId.New("ct");
        var before = DateTimeOffset.UtcNow;

        using var response = await Server.Http.PostAsJsonAsync($"api/v1/tenants/{tenant}/contacts", new { customer = "cust-9" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var contact = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("ct_", contact.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(tenant, contact.GetProperty("tenant").GetString());
        Assert.Equal("cust-9", contact.GetProperty("customer").GetString());
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("device").ValueKind);
        Assert.Equal("unknown", contact.GetProperty("channel").GetString());
        var at = contact.GetProperty("at").GetDateTimeOffset();
        Assert.InRange(at, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.EndsWith("Z", contact.GetProperty("at").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactList_NewestFirst_FiltersByCustomerDeviceAndTime_AndPagesWithACursor()
    {
        var tenant = UniqueId.New("ctl");
        var t0 = new DateTimeOffset(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);
        await PostAsync(tenant, new { customer = "cust-9", device = "gw-7", at = "2026-11-22T18:00:00Z", channel = "phone" });
        await PostAsync(tenant, new { customer = "cust-9", at = "2026-11-22T19:00:00+01:00", channel = "email" });
        await PostAsync(tenant, new { device = "hub-42", at = "2026-11-22T18:30:00Z", channel = "chat" });

        var all = await ListAsync(tenant, "");
        Assert.Equal([t0.AddMinutes(30), t0, t0], all.Select(c => c.GetProperty("at").GetDateTimeOffset()));
        Assert.Equal("chat", Channel(all[0]));
        Assert.Equal(["email", "phone"], all.Skip(1).Select(Channel).Order());
        Assert.All(all.Skip(1), c => Assert.Equal("2026-11-22T18:00:00.000Z", c.GetProperty("at").GetString()));
        Assert.Equal(["email", "phone"], (await ListAsync(tenant, "&customer=cust-9")).Select(Channel).Order());
        Assert.Equal(["phone"], (await ListAsync(tenant, "&device=gw-7")).Select(Channel));
        Assert.Equal(["chat"], (await ListAsync(tenant, "&from=2026-11-22T18:00:00.001Z&to=2026-11-22T19:00:00Z")).Select(Channel));

        var pages = await Server.Api.PagesAsync($"api/v1/tenants/{tenant}/contacts?limit=2");
        Assert.Equal([2, 1], pages.Select(p => p.Count));
        var seen = pages.SelectMany(p => p).Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.Equal(all.Select(c => c.GetProperty("id").GetString()!), seen);
    }

    [Theory]
    [InlineData("""{"channel":"phone"}""", "customer, the device, or both")]
    [InlineData("""{"customer":"cust-9","at":"yesterday"}""", "at must be an RFC 3339 timestamp")]
    [InlineData("""{"customer":"cust-9","at":"2026-11-22T18:00:00"}""", "at must be an RFC 3339 timestamp")]
    [InlineData("""{"customer":"cust-9","channel":"a-channel-name-longer-than-32-chars"}""", "channel must be 1..32")]
    [InlineData("""{"device":"gw 7"}""", "device must be")]
    [InlineData("""{"customer":""}""", "customer must be")]
    [InlineData("""{"customer":"cust-9","at":42}""", "not valid JSON for this call")]
    [InlineData("""not json""", "not valid JSON")]
    public async Task PostContact_BadBody_Is400ProblemSayingWhy(string body, string expected)
    {
        using var response = await Server.Http.PostAsync($"api/v1/tenants/{UniqueId.New("bad")}/contacts",
            new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Contacts_KeyIsCheckedBeforeTheBodyOrParameters_AndAnotherTenantsKeyIs403()
    {
        var tenant = UniqueId.New("ctk");
        var otherKey = await Server.Api.IssueKeyAsync(UniqueId.New("other"));
        var badBody = new StringContent("""{"at":"yesterday"}""", Encoding.UTF8, "application/json");

        using var anonymous = await Server.CreateClient(null).PostAsync($"api/v1/tenants/{tenant}/contacts", badBody);
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        using var foreign = await Server.CreateClient(otherKey).PostAsync($"api/v1/tenants/{tenant}/contacts", badBody);
        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.Forbidden);
        using var foreignList = await Server.CreateClient(otherKey).GetAsync($"api/v1/tenants/{tenant}/contacts?limit=0");
        await ProblemAssert.IsProblemAsync(foreignList, HttpStatusCode.Forbidden);
        using var badLimit = await Server.Http.GetAsync($"api/v1/tenants/{tenant}/contacts?limit=0");
        await ProblemAssert.IsProblemAsync(badLimit, HttpStatusCode.BadRequest);
        using var badTime = await Server.Http.GetAsync($"api/v1/tenants/{tenant}/contacts?from=monday");
        await ProblemAssert.IsProblemAsync(badTime, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ContactList_OfATenantNothingHasNamed_IsEmpty()
    {
        var page = await Server.Api.GetJsonAsync($"api/v1/tenants/{UniqueId.New("none")}/contacts");

        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    private static string Channel(JsonElement contact) => contact.GetProperty("channel").GetString()!;

    private async Task PostAsync(string tenant, object body)
    {
        using var response = await Server.Http.PostAsJsonAsync($"api/v1/tenants/{tenant}/contacts", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<List<JsonElement>> ListAsync(string tenant, string query) =>
        (await Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/contacts?limit=100{query}")).GetProperty("items").EnumerateArray().ToList();
}
