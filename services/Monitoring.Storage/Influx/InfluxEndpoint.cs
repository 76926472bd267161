using System.Net.Http.Headers;
using System.Text;
using Monitoring.Storage.Series;

namespace Monitoring.Storage.Influx;

/// <summary>The requests InfluxDB's HTTP API takes, v1 or v2, built from <c>Metrics:Influx</c>.</summary>
internal sealed class InfluxEndpoint
{
    public const string ClientName = "influx";
    private static readonly MediaTypeHeaderValue LineProtocol = new("text/plain") { CharSet = "utf-8" };
    private readonly InfluxOptions _options;
    private readonly Uri _base;
    private readonly Uri _write;
    private readonly AuthenticationHeaderValue? _auth;

    public InfluxEndpoint(InfluxOptions options)
    {
        _options = options;
        _base = new Uri(options.Url!.TrimEnd('/') + "/");
        _write = options.IsV2
            ? new Uri(_base, $"api/v2/write?org={Escape(options.Org!)}&bucket={Escape(options.Database)}&precision=ms")
            : new Uri(_base, $"write?db={Escape(options.Database)}&precision=ms");
        _auth = options.IsV2
            ? new AuthenticationHeaderValue("Token", options.Token)
            : string.IsNullOrEmpty(options.Username) ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
    }

    public bool IsV2 => _options.IsV2;

    public string Database => _options.Database;

    public Uri WriteUri => _write;

    /// <summary>A write of a gzip line-protocol body (<c>precision=ms</c>).</summary>
    public HttpRequestMessage Write(ReadOnlyMemory<byte> gzip)
    {
        var content = new ReadOnlyMemoryContent(gzip);
        content.Headers.ContentType = LineProtocol;
        content.Headers.ContentEncoding.Add("gzip");
        return WithAuth(new HttpRequestMessage(HttpMethod.Post, _write) { Content = content });
    }

    /// <summary>v1: an InfluxQL statement against the database, answered with epoch-millisecond times.</summary>
    public HttpRequestMessage InfluxQl(string statement, bool onDatabase = true)
    {
        var body = new List<KeyValuePair<string, string>> { new("q", statement) };
        if (onDatabase)
        {
            body.Add(new("db", _options.Database));
            body.Add(new("epoch", "ms"));
        }

        return WithAuth(new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "query")) { Content = new FormUrlEncodedContent(body) });
    }

    /// <summary>v2: a Flux query, answered as annotated CSV.</summary>
    public HttpRequestMessage Flux(string query)
    {
        var content = new StringContent(query, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.flux");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, $"api/v2/query?org={Escape(_options.Org!)}")) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/csv"));
        return WithAuth(request);
    }

    private HttpRequestMessage WithAuth(HttpRequestMessage request)
    {
        request.Headers.Authorization = _auth;
        return request;
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
