using Monitoring.EndToEndTests.Browser;

namespace Monitoring.EndToEndTests;

/// <summary>The dashboard's scripts, styles and chart library come from the server itself, compressed and cacheable.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AssetTests(DashboardFixture fixture)
{
    [Fact]
    public async Task TheChartLibrary_IsServedByTheServerItself_AndDefinesUPlotInThePage()
    {
        var page = await fixture.SignedInPageAsync(fixture.AdminKey, "assets-tenant");
        var script = await page.EvaluateAsync<string>("() => document.querySelector('meta[name=\"monitoring-chart-script\"]').content");
        Assert.StartsWith("/assets/uPlot.iife.min.js?v=", script, StringComparison.Ordinal);

        await page.AddScriptTagAsync(new() { Url = script });

        Assert.Equal("function", await page.EvaluateAsync<string>("() => typeof window.uPlot"));
    }

    [Fact]
    public async Task AVersionedAsset_IsGzipped_AndCachedForGood_WhileAnUnknownOneIs404()
    {
        var page = await fixture.SignedInPageAsync(fixture.AdminKey, "assets-tenant");
        var url = await page.EvaluateAsync<string>("() => document.querySelector('script[type=module]').getAttribute('src')");
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = fixture.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, url.TrimStart('/'));
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await http.SendAsync(request);
        using var unknown = await http.GetAsync("assets/not-there.js");

        response.EnsureSuccessStatusCode();
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
