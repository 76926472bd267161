using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Api;

/// <summary>Who may call what: no or a wrong key is 401, another tenant's key is 403, both before any 404.</summary>
public sealed class ApiAuthTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private MonitoringServer Server => fixture.Server;

    [Fact]
    public async Task RequestWithoutKey_Is401ProblemWithBearerChallenge()
    {
        var anonymous = Server.CreateClient(key: null);

        using var response = await anonymous.GetAsync("api/v1/tenants/acme/devices");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Theory]
    [InlineData("Bearer not-a-key-anyone-issued")]
    [InlineData("Basic aXQ6aXQ=")]
    [InlineData("Bearer ")]
    public async Task RequestWithWrongKey_Is401(string authorization)
    {
        var client = Server.CreateClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/tenants/acme/fleet");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminKey_ReachesAnyTenant()
    {
        foreach (var tenant in new[] { "acme", UniqueId.New("other") })
        {
            using var response = await Server.Http.GetAsync($"api/v1/tenants/{tenant}/devices");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task TenantKey_IssuedByAdmin_ReachesItsOwnTenantOnly_AndCannotIssueKeys()
    {
        var tenantA = UniqueId.New("a");
        var tenantB = UniqueId.New("b");

        var key = await IssueKeyAsync(tenantA);
        var tenantClient = Server.CreateClient(key);

        using (var own = await tenantClient.GetAsync($"api/v1/tenants/{tenantA}/devices"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using (var fleet = await tenantClient.GetAsync($"api/v1/tenants/{tenantA}/fleet"))
        {
            Assert.Equal(HttpStatusCode.OK, fleet.StatusCode);
        }

        using (var other = await tenantClient.GetAsync($"api/v1/tenants/{tenantB}/devices"))
        {
            await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden);
        }

        using (var issue = await tenantClient.PostAsync($"api/v1/tenants/{tenantA}/keys", null))
        {
            await ProblemAssert.IsProblemAsync(issue, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task KeyIsCheckedBeforeTheDeviceIsLookedUp()
    {
        var tenantA = UniqueId.New("a");
        var otherTenantsKey = await IssueKeyAsync(UniqueId.New("b"));
        var path = $"api/v1/tenants/{tenantA}/devices/no-such-device";

        using (var anonymous = await Server.CreateClient(key: null).GetAsync(path))
        {
            await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        }

        using (var foreign = await Server.CreateClient(otherTenantsKey).GetAsync(path))
        {
            await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.Forbidden);
        }

        using (var foreignCase = await Server.CreateClient(otherTenantsKey).PostAsync($"api/v1/tenants/{tenantA}/cases/c_nope/acknowledge", null))
        {
            await ProblemAssert.IsProblemAsync(foreignCase, HttpStatusCode.Forbidden);
        }

        using (var admin = await Server.Http.GetAsync(path))
        {
            await ProblemAssert.IsProblemAsync(admin, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task TenantNothingHasNamed_AnswersEmptyListsAndZeroCounts()
    {
        var tenant = UniqueId.New("nobody");

        var fleet = await Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/fleet");
        var devices = await Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/devices");
        var cases = await Server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/cases");

        Assert.Equal(0, fleet.GetProperty("devices").GetInt32());
        var byState = fleet.GetProperty("devicesByState");
        foreach (var state in new[] { "online", "offline", "unreachable", "unknown" })
        {
            Assert.Equal(0, byState.GetProperty(state).GetInt32());
        }

        Assert.All(fleet.GetProperty("openCasesByKind").EnumerateObject(), kind => Assert.Equal(0, kind.Value.GetInt32()));
        Assert.Empty(devices.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, devices.GetProperty("next").ValueKind);
        Assert.Empty(cases.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, cases.GetProperty("next").ValueKind);
    }

    private async Task<string> IssueKeyAsync(string tenant)
    {
        using var response = await Server.Http.PostAsync($"api/v1/tenants/{tenant}/keys", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString();
        Assert.False(string.IsNullOrEmpty(key));
        return key!;
    }
}
