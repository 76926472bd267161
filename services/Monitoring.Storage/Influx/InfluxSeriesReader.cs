using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Core.Series;
using Monitoring.Core.Stores;

namespace Monitoring.Storage.Influx;

/// <summary>Serves the metrics API from InfluxDB: InfluxQL on v1, Flux on v2.</summary>
internal sealed class InfluxSeriesReader(IHttpClientFactory http, InfluxEndpoint endpoint) : ISeriesReader
{
    public async Task<IReadOnlyList<SeriesSample>> ReadAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        var client = http.CreateClient(InfluxEndpoint.ClientName);
        if (endpoint.IsV2)
        {
            using var flux = endpoint.Flux(InfluxQueries.Flux(endpoint.Database, query));
            using var answer = await client.SendAsync(flux, cancellationToken);
            var csv = await answer.Content.ReadAsStringAsync(cancellationToken);
            return answer.IsSuccessStatusCode ? InfluxAnswers.FromCsv(csv) : throw Refused(answer, csv);
        }

        using var request = endpoint.InfluxQl(InfluxQueries.InfluxQl(query));
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused(response, await response.Content.ReadAsStringAsync(cancellationToken));
        }

        return InfluxAnswers.FromJson(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    private static HttpRequestException Refused(HttpResponseMessage response, string body) =>
        new($"InfluxDB answered the query with {(int)response.StatusCode}: {body}", null, response.StatusCode);
}
