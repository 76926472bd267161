using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary><c>PUT/GET …/customers/{id}</c> and the outbox list: stored as given, bad input answered 400 naming the field.</summary>
public sealed class CustomerApiTests : IClassFixture<EmbeddedServerFixture>
{
    private readonly MonitoringServer _server;

    public CustomerApiTests(EmbeddedServerFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task PutCustomer_ThenGet_AnswersWhatWasStored_CreatedFirstThenOk()
    {
        var tenant = UniqueId.New("t");
        var body = new
        {
            name = "Ada's Bakery",
            tier = "premium",
            contacts = new object[] { new { type = "email", address = "ada@bakery.example" }, new { type = "webhook", url = "https://hooks.bakery.example/m" } },
            quietHours = new { from = "22:00", to = "07:00", timeZone = "Europe/Berlin" },
        };

        using var created = await _server.Http.PutAsJsonAsync($"api/v1/tenants/{tenant}/customers/cust-9", body);
        using var replaced = await _server.Http.PutAsJsonAsync($"api/v1/tenants/{tenant}/customers/cust-9", body);
        var stored = await _server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/customers/cust-9");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("cust-9", stored.GetProperty("id").GetString());
        Assert.Equal("premium", stored.GetProperty("tier").GetString());
        Assert.Equal("ada@bakery.example", stored.GetProperty("contacts")[0].GetProperty("address").GetString());
        Assert.Equal("https://hooks.bakery.example/m", stored.GetProperty("contacts")[1].GetProperty("url").GetString());
        Assert.Equal("Europe/Berlin", stored.GetProperty("quietHours").GetProperty("timeZone").GetString());
        using var missing = await _server.Http.GetAsync($"api/v1/tenants/{tenant}/customers/nobody");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("""{"name": "A", "tier": "gold"}""", "tier")]
    [InlineData("""{"name": "A", "contacts": [{"type": "email", "address": "not-an-address"}]}""", "contacts[0]: address")]
    [InlineData("""{"name": "A", "contacts": [{"type": "webhook", "url": "hooks.example/x"}]}""", "contacts[0]: url")]
    [InlineData("""{"name": "A", "contacts": [{"type": "pager"}]}""", "contacts[0]: type")]
    [InlineData("""{"name": "A", "quietHours": {"from": "22:00", "to": "07:00", "timeZone": "Mars/Olympus"}}""", "timeZone")]
    [InlineData("""{"name": "A", "quietHours": {"from": "10pm", "to": "07:00", "timeZone": "Europe/Berlin"}}""", "quietHours.from")]
    [InlineData("""{"tier": "free"}""", "name")]
    public async Task PutCustomer_BadBody_Answers400NamingTheField(string json, string named)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await _server.Http.PutAsync($"api/v1/tenants/{UniqueId.New("t")}/customers/c1", content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PutCustomer_BodyOfTheWrongShape_Answers400()
    {
        using var content = new StringContent("""{"name": "A", "contacts": "ada@bakery.example"}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await _server.Http.PutAsync($"api/v1/tenants/{UniqueId.New("t")}/customers/c1", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListNotifications_UnknownStatus_Answers400_AndAnUnnamedTenantHasNone()
    {
        using var bad = await _server.Http.GetAsync("api/v1/tenants/acme/notifications?status=lost");
        var empty = await _server.Api.GetJsonAsync($"api/v1/tenants/{UniqueId.New("t")}/notifications");

        var problem = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Contains("status", problem.GetProperty("detail").GetString());
        Assert.Equal(0, empty.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("next").ValueKind);
    }
}
