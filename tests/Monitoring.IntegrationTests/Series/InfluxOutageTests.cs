using Monitoring.IntegrationTests.Deps;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Series;

/// <summary>
/// The server binary on a real Mosquitto, writing to a private InfluxDB that goes away: points published meanwhile
/// wait in the on-disk spool, survive a crash of the server, and reach InfluxDB once, in order, when it is back.
/// </summary>
public sealed class InfluxOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string Database = "monitoring";

    [Fact]
    public async Task InfluxDownWhilePublishing_EveryPointArrivesOnceAndInOrderAfterItReturns()
    {
        var (host, port) = LocalDeps.Mosquitto();
        var root = UniqueId.New("t");
        await using var influx = await InfluxProcess.StartAsync();
        using var data = new TempFolder();
        var arguments = Outage(ServerArguments.Defaults(data.Path).External(host, port, root).Influx(influx.Url, Database));
        await using var server = await ServerProcess.StartAsync(arguments);
        await using var device = await DeviceClient.ConnectAsync(port, root: root, host: host);
        var seq = 0;

        await PublishAsync(device, 20, () => ++seq);
        await WaitForPointsAsync(influx, 20);
        await influx.StopAsync();
        await PublishAsync(device, 60, () => ++seq);
        var spooled = await Polling.Eventually(server.Api.MetricsAsync, m => Points(m, "spooled") >= 60, Patience,
            "the points published during the outage are spooled");
        Assert.True(spooled.Sum("monitoring_series_spool_bytes") > 0);
        await influx.StartAgainAsync();
        await PublishAsync(device, 20, () => ++seq);

        var rows = await WaitForPointsAsync(influx, 100);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (double)i), rows);
        var after = await Polling.Eventually(server.Api.MetricsAsync, m => m.Sum("monitoring_series_spool_bytes") == 0, Patience, "the spool is empty");
        Assert.Equal(Points(after, "spooled"), Points(after, "replayed"));
        Assert.Equal(0, Points(after, "dropped"));
    }

    [Fact]
    public async Task ServerKilledWhilePointsAreSpooled_SpoolReplaysAfterRestart()
    {
        const int heartbeats = 50;
        var (host, port) = LocalDeps.Mosquitto();
        var root = UniqueId.New("t");
        await using var influx = await InfluxProcess.StartAsync();
        await influx.StopAsync();
        using var data = new TempFolder();
        var arguments = Outage(ServerArguments.Defaults(data.Path).External(host, port, root).Influx(influx.Url, Database));
        await using var server = await ServerProcess.StartAsync(arguments);
        await using var device = await DeviceClient.ConnectAsync(port, root: root, host: host);
        var seq = 0;
        await PublishAsync(device, heartbeats, () => ++seq);

        // Everything acknowledged is in the spool: the broker will not hand these heartbeats over again.
        await Polling.Eventually(server.Api.MetricsAsync, m => Points(m, "spooled") >= heartbeats, Patience, "every point spooled");
        server.Kill();
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data.Path, "series-spool"), "*.seg"));
        await influx.StartAgainAsync();
        await server.StartAsync();

        var rows = await WaitForPointsAsync(influx, heartbeats);
        Assert.Equal(Enumerable.Range(1, heartbeats).Select(i => (double)i), rows);
        await Polling.Eventually(() => Task.FromResult(Directory.GetFiles(Path.Combine(data.Path, "series-spool"), "*.seg").Length == 0),
            Patience, "the replayed segments are deleted");
    }

    [Fact]
    public async Task SpoolFull_OldestDroppedAndCounted_NewestKeptAndReplayed()
    {
        const int heartbeats = 600;
        await using var influx = await InfluxProcess.StartAsync();
        await influx.StopAsync();
        using var data = new TempFolder();
        await using var server = await MonitoringServer.StartAsync(Outage(ServerArguments.Defaults(data.Path).Influx(influx.Url, Database))
            .Set("Metrics:Spool:MaxBytes", "65536")
            .Set("Metrics:Spool:SegmentBytes", "8192")
            .Set("Metrics:Influx:BatchSize", "50"));
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        for (var seq = 1; seq <= heartbeats; seq++)
        {
            // Labels that do not compress, so the spool fills after a few hundred heartbeats.
            await device.PublishHeartbeatAsync("outage", "gw-1", new
            {
                ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), site = Noise(), model = Noise(), fw = Noise(), metrics = new { seq = (double)seq },
            });
        }

        var full = await Polling.Eventually(server.Api.MetricsAsync, m => m.Sum("monitoring_series_points_dropped_total", ("reason", "spool_full")) > 0,
            Patience, "the spool overflowed");
        Assert.True(full.Sum("monitoring_series_spool_bytes") <= 65536);
        await influx.StartAgainAsync();

        var after = await Polling.Eventually(server.Api.MetricsAsync, m => m.Sum("monitoring_series_spool_bytes") == 0
            && Points(m, "replayed") + Points(m, "written") + m.Sum("monitoring_series_points_dropped_total") == heartbeats + 1, Patience, "the spool replayed");
        var dropped = after.Sum("monitoring_series_points_dropped_total", ("reason", "spool_full"));
        var stored = await influx.Query.SelectAsync(Database, "SELECT seq FROM device_metrics WHERE device = 'gw-1'");
        // Each heartbeat here has labels of its own, so its own series; sort them back into publish order.
        var seqs = stored.SelectMany(s => s.Rows).Select(r => r["seq"].GetDouble()).Order().ToList();
        var states = await influx.Query.SelectAsync(Database, "SELECT state FROM device_state WHERE device = 'gw-1'");
        // Every line is either stored or counted dropped (the one first-seen state line included), and the newest survive.
        Assert.Equal(heartbeats + 1, seqs.Count + states.Sum(s => s.Rows.Count) + dropped);
        Assert.Equal(heartbeats, seqs[^1]);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        Assert.True(seqs.Count < heartbeats / 2, $"{seqs.Count} of {heartbeats} kept in a 64 KiB spool");
    }

    private static string Noise() => string.Concat(Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString("N")));

    /// <summary>Short limits so the outage is noticed at once and replay starts soon after InfluxDB is back.</summary>
    private static ServerArguments Outage(ServerArguments arguments) => arguments
        .Set("Metrics:Influx:Timeout", "00:00:01")
        .Set("Metrics:Influx:Retries", "1")
        .Set("Metrics:Influx:BreakDuration", "00:00:01");

    private static async Task PublishAsync(DeviceClient device, int count, Func<int> next)
    {
        for (var i = 0; i < count; i++)
        {
            var seq = next();
            // The device's own clock stamps each point, a millisecond apart at least, so order is the publish order.
            await device.PublishHeartbeatAsync("outage", "gw-1", new { ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), seq, metrics = new { seq = (double)seq } });
            await Task.Delay(2);
        }
    }

    private static async Task<double[]> WaitForPointsAsync(InfluxProcess influx, int count)
    {
        var series = await Polling.Eventually(
            () => influx.Query.SelectAsync(Database, "SELECT seq FROM device_metrics WHERE tenant = 'outage' AND device = 'gw-1'"),
            s => s.Sum(x => x.Rows.Count) >= count, Patience, $"{count} points in InfluxDB");
        return series.SelectMany(s => s.Rows).Select(r => r["seq"].GetDouble()).ToArray();
    }

    private static double Points(PrometheusScrape metrics, string what) => metrics.Sum($"monitoring_series_points_{what}_total");
}
