using System.Net.Http.Json;
using System.Text.Json;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>Reads an InfluxDB 1.x back through its own <c>/query</c> endpoint, as Grafana would.</summary>
public sealed class InfluxQuery : IDisposable
{
    private readonly HttpClient _http;

    public InfluxQuery(Uri baseAddress) => _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<bool> PingAsync()
    {
        try
        {
            using var response = await _http.GetAsync("ping");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The rows of the first statement's series, each series with its tags (<c>GROUP BY *</c>), times in ms.</summary>
    public async Task<List<InfluxSeries>> SelectAsync(string database, string statement)
    {
        using var response = await _http.PostAsync("query", new FormUrlEncodedContent(
            [new("db", database), new("q", statement), new("epoch", "ms")]));
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var result = json.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error))
        {
            if (error.GetString()!.StartsWith("database not found", StringComparison.Ordinal))
            {
                return [];
            }

            throw new InvalidOperationException($"InfluxDB refused {statement}: {error}");
        }

        var all = new List<InfluxSeries>();
        if (!result.TryGetProperty("series", out var series))
        {
            return all;
        }

        foreach (var one in series.EnumerateArray())
        {
            var tags = one.TryGetProperty("tags", out var t)
                ? t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
                : [];
            var columns = one.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            var rows = one.GetProperty("values").EnumerateArray()
                .Select(r => columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2.Clone())).ToList();
            all.Add(new InfluxSeries(one.GetProperty("name").GetString()!, tags, rows));
        }

        return all;
    }

    /// <summary>Writes line protocol as any client would (uncompressed, <c>precision=ms</c>).</summary>
    public async Task WriteAsync(string database, HttpContent body)
    {
        using var create = await _http.PostAsync("query", new FormUrlEncodedContent([new("q", $"CREATE DATABASE \"{database}\"")]));
        create.EnsureSuccessStatusCode();
        using var response = await _http.PostAsync($"write?db={Uri.EscapeDataString(database)}&precision=ms", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"InfluxDB refused the write: {(int)response.StatusCode} {text}");
    }

    public void Dispose() => _http.Dispose();
}
