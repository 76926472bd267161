using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Monitoring.Simulator;

/// <summary>Reads every case of a tenant from the server, page by page through <c>next</c>.</summary>
internal sealed class CaseReader : IDisposable
{
    private const int PageSize = 1000;
    private readonly HttpClient _http;

    public CaseReader(Uri api, string key)
    {
        _http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public async Task<IReadOnlyList<ServerCase>> ReadAllAsync(string tenant, CancellationToken cancellationToken)
    {
        var cases = new List<ServerCase>();
        string? cursor = null;
        do
        {
            var path = $"api/v1/tenants/{Uri.EscapeDataString(tenant)}/cases?limit={PageSize}"
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await _http.GetAsync(path, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode} {response.ReasonPhrase}: "
                    + await response.Content.ReadAsStringAsync(cancellationToken));
            }

            var page = await response.Content.ReadFromJsonAsync<CasePage>(TruthJson.Options, cancellationToken)
                ?? throw new HttpRequestException($"GET {path} answered no body");
            cases.AddRange(page.Items.Select(c => c with { Tenant = tenant }));
            cursor = page.Next;
        }
        while (cursor is not null);

        return cases;
    }

    public void Dispose() => _http.Dispose();
}
