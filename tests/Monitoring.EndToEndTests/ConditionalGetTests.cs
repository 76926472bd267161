using Monitoring.EndToEndTests.Browser;

namespace Monitoring.EndToEndTests;

/// <summary>The dashboard's polling costs a bodiless 304 while nothing changed; calls with a bearer key are left as they were.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ConditionalGetTests(DashboardFixture fixture)
{
    [Fact]
    public async Task ASignedInPagesRepeatedGet_IsAnswered304_UntilTheAnswerChanges()
    {
        var page = await fixture.SignedInPageAsync(fixture.AdminKey, "etag-tenant");

        var statuses = await page.EvaluateAsync<int[]>("""
            async () => {
              const url = "/api/v1/tenants/etag-tenant/fleet";
              const first = await fetch(url, { cache: "no-store" });
              const etag = first.headers.get("ETag");
              const again = await fetch(url, { cache: "no-store", headers: { "If-None-Match": etag } });
              const other = await fetch(url, { cache: "no-store", headers: { "If-None-Match": '"something-else"' } });
              return [first.status, again.status, other.status, etag ? 1 : 0];
            }
            """);

        Assert.Equal([200, 304, 200, 1], statuses);
        using var bearer = await fixture.Server.Http.GetAsync("api/v1/tenants/etag-tenant/fleet");
        bearer.EnsureSuccessStatusCode();
        Assert.Null(bearer.Headers.ETag);
    }
}
