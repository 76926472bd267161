using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>The server's HTTP API as a test reads it: JSON documents, as a user's client would see them.</summary>
public sealed class MonitoringApi(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>The device, or null when the API answers 404.</summary>
    public async Task<JsonElement?> FindDeviceAsync(string tenant, string id)
    {
        using var response = await http.GetAsync($"api/v1/tenants/{tenant}/devices/{Uri.EscapeDataString(id)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await ReadAsync(response);
    }

    /// <summary>The device's state, or null when it is unknown to the API (404).</summary>
    public async Task<string?> DeviceStateAsync(string tenant, string id) =>
        await FindDeviceAsync(tenant, id) is { } device ? device.GetProperty("state").GetString() : null;

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadAsync(response);
    }

    /// <summary>Every device of the tenant, walking the cursor pages.</summary>
    public async Task<List<JsonElement>> AllDevicesAsync(string tenant, string query = "") =>
        (await PagesAsync($"api/v1/tenants/{tenant}/devices?limit=1000{query}")).SelectMany(p => p).ToList();

    /// <summary>The items of each page of a list, following <c>next</c> from <paramref name="path"/> (which has a query) to the last page.</summary>
    public async Task<List<List<JsonElement>>> PagesAsync(string path)
    {
        var pages = new List<List<JsonElement>>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync(path + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            pages.Add(page.GetProperty("items").EnumerateArray().ToList());
            cursor = page.GetProperty("next").GetString();
            if (pages.Count > 10_000)
            {
                throw new InvalidOperationException($"{path}: the cursor never reaches a last page");
            }
        }
        while (cursor is not null);
        return pages;
    }

    public async Task<List<JsonElement>> CasesAsync(string tenant, string query = "")
    {
        var page = await GetJsonAsync($"api/v1/tenants/{tenant}/cases?{query}");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>A key that reaches <paramref name="tenant"/> only; this client must hold the admin key.</summary>
    public async Task<string> IssueKeyAsync(string tenant)
    {
        using var response = await http.PostAsync($"api/v1/tenants/{tenant}/keys", null);
        return (await ReadAsync(response)).GetProperty("key").GetString()!;
    }

    public async Task<bool> IsReadyAsync()
    {
        using var response = await http.GetAsync("readyz");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<PrometheusScrape> MetricsAsync()
    {
        using var response = await http.GetAsync("metrics");
        response.EnsureSuccessStatusCode();
        return PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}",
                null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
