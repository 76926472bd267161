using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Series;

/// <summary>
/// The InfluxDB writer against a real HTTP server that answers badly on purpose: a 400 partial write counts the
/// refused lines and is never retried, a 500 is retried until it succeeds, and answers that time out send the points
/// to the spool, from which they are replayed once the server answers again.
/// </summary>
public sealed class InfluxBadResponseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PartialWrite400_RefusedLinesCountedAndTheRequestNotRetried()
    {
        await using var influx = await ScriptedInflux.StartAsync();
        influx.Then(400, """{"error":"partial write: unable to parse 'device_metrics x': invalid field format dropped=1"}""");
        await using var server = await StartAsync(influx);
        await PublishGatewayAsync(server);

        var metrics = await Polling.Eventually(server.Api.MetricsAsync, m => Points(m, "dropped") > 0, Patience, "refused lines counted");
        var writes = influx.Writes.ToList();
        var total = writes.Sum(w => w.Lines.Length);
        Assert.Equal(1, writes.Count(w => w.Body == writes[0].Body));
        Assert.Equal(2, metrics.Sum("monitoring_series_points_dropped_total", ("reason", "rejected")));
        Assert.Equal(total - 2, Points(metrics, "written"));
        Assert.Equal(0, Points(metrics, "spooled"));
    }

    [Fact]
    public async Task ServerError500_RetriedWithTheSameBodyUntilWritten()
    {
        await using var influx = await ScriptedInflux.StartAsync();
        influx.Then(500, """{"error":"engine: cache maximum memory size exceeded"}""").Then(503);
        await using var server = await StartAsync(influx, "--Metrics:Influx:Retries=2");
        await PublishGatewayAsync(server);

        var metrics = await Polling.Eventually(server.Api.MetricsAsync, m => Points(m, "written") >= 8, Patience, "all eight lines written");
        var writes = influx.Writes.ToList();
        Assert.True(writes.Count >= 3);
        Assert.All(writes.Take(3), w => Assert.Equal(writes[0].Body, w.Body));
        Assert.Equal(8, Points(metrics, "written"));
        Assert.Equal(0, Points(metrics, "spooled"));
        Assert.Equal(0, Points(metrics, "dropped"));
    }

    [Fact]
    public async Task AnswersTimingOut_PointsSpooledThenReplayedWhenTheServerAnswers()
    {
        await using var influx = await ScriptedInflux.StartAsync();
        influx.Then(204, delay: TimeSpan.FromSeconds(3)).Then(204, delay: TimeSpan.FromSeconds(3));
        await using var server = await StartAsync(influx, "--Metrics:Influx:Timeout=00:00:00.300", "--Metrics:Influx:Retries=1",
            "--Metrics:Influx:BreakDuration=00:00:00.500");
        await PublishGatewayAsync(server);

        var spooled = await Polling.Eventually(server.Api.MetricsAsync, m => Points(m, "spooled") >= 8, Patience, "the timed-out lines spooled");
        Assert.Equal(0, Points(spooled, "written"));
        var replayed = await Polling.Eventually(server.Api.MetricsAsync, m => Points(m, "replayed") >= 8, Patience, "the spooled lines replayed");
        Assert.Equal(8, Points(replayed, "replayed"));
        Assert.Equal(0, replayed.Sum("monitoring_series_spool_bytes"));
        var writes = influx.Writes.ToList();
        Assert.Equal(writes[0].Body, writes[^1].Body);
    }

    internal static Task<MonitoringServer> StartAsync(ScriptedInflux influx, params string[] overrides)
    {
        // A long flush interval: the gateway's eight lines go in the one request its acknowledgement waits for.
        return MonitoringServer.StartAsync(["--Metrics:Provider=Influx", $"--Metrics:Influx:Url={influx.Url}", "--Metrics:FlushInterval=00:01:00", .. overrides]);
    }

    /// <summary>One heartbeat that makes eight lines: the gateway's and its three children's metrics and first-seen states.</summary>
    internal static async Task PublishGatewayAsync(MonitoringServer server, string tenant = "acme")
    {
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        await device.PublishHeartbeatAsync(tenant, "gw-1", new
        {
            ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            site = "Site 17, Hall B",
            metrics = new { rssi_dbm = -61 },
            children = new[]
            {
                new { id = "s-1", online = true, metrics = new { rssi_dbm = -70 } },
                new { id = "s-2", online = true, metrics = new { rssi_dbm = -71 } },
                new { id = "s-3", online = true, metrics = new { rssi_dbm = -72 } },
            },
        });
    }

    internal static double Points(PrometheusScrape metrics, string what) => metrics.Sum($"monitoring_series_points_{what}_total");
}
