using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Monitoring.Simulator;

/// <summary>Tells the server that a customer called support (<c>POST /api/v1/tenants/{t}/contacts</c>).</summary>
internal sealed class ContactsClient(Uri api, string? key) : IDisposable
{
    private readonly HttpClient _http = Create(api, key);

    /// <summary>Answers null when the server took the contact, else why not.</summary>
    public async Task<string?> RecordAsync(string tenant, string customer, string device, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync($"api/v1/tenants/{Uri.EscapeDataString(tenant)}/contacts",
                new { customer, device, at, channel = "phone" }, TruthJson.Options, cancellationToken);
            return response.IsSuccessStatusCode ? null
                : response.StatusCode == HttpStatusCode.NotFound ? "404: the server has no contacts route yet"
                : $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri api, string? key)
    {
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }
}
