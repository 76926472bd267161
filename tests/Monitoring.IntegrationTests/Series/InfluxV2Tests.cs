using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.IntegrationTests.Deps;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Series;

/// <summary>
/// <c>Metrics:Influx:ApiVersion=v2</c>: writes to <c>/api/v2/write</c> with a token, checked against VictoriaMetrics
/// (which speaks that endpoint) and, for the exact request shape and the Flux query, against a recording HTTP server,
/// as no InfluxDB 2 runs here.
/// </summary>
public sealed class InfluxV2Tests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Org = "my org";
    private const string Bucket = "bucket/one";
    private const string Token = "s3cret-token";

    [Fact]
    public async Task V2Write_RequestCarriesOrgBucketPrecisionTokenAndGzipLines()
    {
        await using var influx = await ScriptedInflux.StartAsync();
        await using var server = await InfluxBadResponseTests.StartAsync(influx, V2(influx.Url));
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await device.PublishHeartbeatAsync("acme", "gw-1", new { ts = at, site = "Site 17, Hall B", model = "HB=200", metrics = new { rssi_dbm = -61.5 } });

        var write = await Polling.Eventually(() => Task.FromResult(influx.Writes.FirstOrDefault()), w => w is not null, Patience, "a write request");
        Assert.Equal("POST", write!.Method);
        Assert.Equal("/api/v2/write", write.Path);
        Assert.Equal("?org=my%20org&bucket=bucket%2Fone&precision=ms", write.Query);
        Assert.Equal($"Token {Token}", write.Authorization);
        Assert.Equal("text/plain; charset=utf-8", write.ContentType);
        Assert.True(write.Gzip);
        Assert.Equal(
            [
                $@"device_metrics,tenant=acme,device=gw-1,site=Site\ 17\,\ Hall\ B,model=HB\=200,kind=device rssi_dbm=-61.5,up=1i {at}",
                $@"device_state,tenant=acme,device=gw-1,site=Site\ 17\,\ Hall\ B,model=HB\=200,kind=device state=""online"" {ReceivedAt(write)}",
            ],
            write.Lines);
    }

    [Fact]
    public async Task V1WithCredentials_SendsBasicAuthentication()
    {
        await using var influx = await ScriptedInflux.StartAsync();
        await using var server = await InfluxBadResponseTests.StartAsync(influx, "--Metrics:Influx:Username=writer", "--Metrics:Influx:Password=pa:ss");
        await InfluxBadResponseTests.PublishGatewayAsync(server);

        var write = await Polling.Eventually(() => Task.FromResult(influx.Writes.FirstOrDefault()), w => w is not null, Patience, "a write request");
        Assert.Equal("/write", write!.Path);
        Assert.Equal("?db=monitoring&precision=ms", write.Query);
        Assert.Equal("Basic " + Convert.ToBase64String("writer:pa:ss"u8.ToArray()), write.Authorization);
    }

    [Fact]
    public async Task V2MetricsApi_SendsFluxAndReadsTheAnnotatedCsv()
    {
        await using var influx = await ScriptedInflux.StartAsync();
        await using var server = await InfluxBadResponseTests.StartAsync(influx, V2(influx.Url));
        await InfluxBadResponseTests.PublishGatewayAsync(server);
        await Polling.Eventually(() => server.Api.FindDeviceAsync("acme", "gw-1"), d => d is not null, Patience, "the gateway is stored");
        await Polling.Eventually(() => Task.FromResult(influx.Writes.Any()), Patience, "its points written");
        influx.Then(200, contentType: "text/csv", body: """
            #datatype,string,long,dateTime:RFC3339,double
            #group,false,false,false,false
            #default,_result,,,
            ,result,table,_time,_value
            ,,0,2026-11-22T18:00:00Z,-61.5
            ,,0,2026-11-22T18:01:00Z,-70

            """.Replace("\n", "\r\n", StringComparison.Ordinal));

        var series = await server.Api.GetJsonAsync("api/v1/tenants/acme/devices/gw-1/metrics?name=rssi_dbm&from=2026-11-22T18:00:00Z&to=2026-11-22T19:00:00Z&step=60");

        var query = influx.Requests.Last();
        Assert.Equal("POST", query.Method);
        Assert.Equal("/api/v2/query", query.Path);
        Assert.Equal("?org=my%20org", query.Query);
        Assert.Equal($"Token {Token}", query.Authorization);
        Assert.StartsWith("application/vnd.flux", query.ContentType, StringComparison.Ordinal);
        Assert.Equal("application/csv", query.Accept);
        Assert.Equal("""
            from(bucket: "bucket/one")
              |> range(start: 2026-11-22T18:00:00.000Z, stop: 2026-11-22T19:00:00.001Z)
              |> filter(fn: (r) => r._measurement == "device_metrics" and r._field == "rssi_dbm" and r.tenant == "acme" and r.device == "gw-1")
              |> group()
              |> aggregateWindow(every: 60s, fn: mean, createEmpty: false, timeSrc: "_start")
              |> sort(columns: ["_time"])
              |> limit(n: 10000)
              |> keep(columns: ["_time", "_value"])

            """, query.Body);
        Assert.Equal([-61.5, -70.0], series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("v").GetDouble()));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 18, 1, 0, TimeSpan.Zero), series.GetProperty("points")[1].GetProperty("t").GetDateTimeOffset());
    }

    [Fact]
    public async Task V2Write_ToVictoriaMetrics_PointsArriveWithTheirTags()
    {
        var (host, port) = LocalDeps.VictoriaMetrics();
        var tenant = UniqueId.New("v2");
        await using var server = await MonitoringServer.StartAsync(["--Metrics:Provider=Influx", .. V2($"http://{host}:{port}")]);
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        await device.PublishHeartbeatAsync(tenant, "gw-1", new { site = "Site 17, Hall B", metrics = new { rssi_dbm = -61.5, loss_pct = 0.4 } });

        using var http = new HttpClient { BaseAddress = new Uri($"http://{host}:{port}/") };
        var exported = await Polling.Eventually(async () =>
        {
            using var response = await http.PostAsync("api/v1/export", new FormUrlEncodedContent([new("match[]", $"{{tenant=\"{tenant}\"}}")]));
            var text = await response.Content.ReadAsStringAsync();
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        }, rows => rows.Count >= 3, Patience, "rssi_dbm, loss_pct and up in VictoriaMetrics");
        var byName = exported.ToDictionary(e => e.GetProperty("metric").GetProperty("__name__").GetString()!);
        Assert.Equal(-61.5, byName["device_metrics_rssi_dbm"].GetProperty("values")[0].GetDouble());
        Assert.Equal(0.4, byName["device_metrics_loss_pct"].GetProperty("values")[0].GetDouble());
        Assert.Equal(1, byName["device_metrics_up"].GetProperty("values")[0].GetDouble());
        var labels = byName["device_metrics_rssi_dbm"].GetProperty("metric");
        Assert.Equal("gw-1", labels.GetProperty("device").GetString());
        Assert.Equal("Site 17, Hall B", labels.GetProperty("site").GetString());
        var metrics = await server.Api.MetricsAsync();
        Assert.True(metrics.Sum("monitoring_series_points_written_total") >= 2);
    }

    private static string[] V2(string url) =>
        [$"--Metrics:Influx:Url={url}", "--Metrics:Influx:ApiVersion=v2", $"--Metrics:Influx:Org={Org}", $"--Metrics:Influx:Token={Token}", $"--Metrics:Influx:Database={Bucket}"];

    /// <summary>The state change is stamped with the receive time; read it from the line itself.</summary>
    private static string ReceivedAt(RecordedRequest write) =>
        write.Lines[1][(write.Lines[1].LastIndexOf(' ') + 1)..];
}
