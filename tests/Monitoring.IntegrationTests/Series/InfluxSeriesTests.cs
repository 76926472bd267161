using System.Globalization;
using System.Text.Json;
using Monitoring.IntegrationTests.Deps;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Series;

/// <summary>
/// A server with <c>Metrics:Provider=Influx</c> on the real InfluxDB 1.6: heartbeats become <c>device_metrics</c>
/// points with their labels as tags, state changes become <c>device_state</c>, and the metrics API reads them back.
/// </summary>
public sealed class InfluxSeriesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HeartbeatsWithHostileLabels_StoredWithTagsAndValuesIntact()
    {
        const int devices = 40;
        var (host, port) = LocalDeps.InfluxDb();
        using var influx = new InfluxQuery(new Uri($"http://{host}:{port}/"));
        var database = UniqueId.New("hb").Replace('-', '_');
        var tenant = UniqueId.New("t");
        using var data = new TempFolder();
        await using var server = await MonitoringServer.StartAsync(ServerArguments.Defaults(data.Path).Influx($"http://{host}:{port}", database));
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        var text = new HostileText(seed: 5);
        var sent = new Dictionary<string, (string Site, string Model, string Fw, double Rssi, double Loss)>();
        for (var i = 0; i < devices; i++)
        {
            var labels = (Site: Label(text), Model: Label(text), Fw: Label(text), Rssi: text.NextDouble(), Loss: text.NextDouble());
            var id = $"dev-{i:D3}";
            sent[id] = labels;
            await device.PublishHeartbeatAsync(tenant, id, new { site = labels.Site, model = labels.Model, fw = labels.Fw, metrics = new { rssi_dbm = labels.Rssi, loss_pct = labels.Loss } });
        }

        var series = await Polling.Eventually(
            () => influx.SelectAsync(database, $"SELECT * FROM device_metrics WHERE tenant = '{tenant}' GROUP BY *"),
            s => s.Sum(x => x.Rows.Count) == devices, Patience, $"{devices} device_metrics points in InfluxDB");
        foreach (var one in series)
        {
            var labels = sent[one.Tags["device"]];
            Assert.Equal(tenant, one.Tags["tenant"]);
            Assert.Equal(HostileText.AsTagReadsBack(labels.Site), one.Tags["site"]);
            Assert.Equal(HostileText.AsTagReadsBack(labels.Model), one.Tags["model"]);
            Assert.Equal(HostileText.AsTagReadsBack(labels.Fw), one.Tags["fw"]);
            Assert.Equal("device", one.Tags["kind"]);
            var row = Assert.Single(one.Rows);
            Assert.Equal(labels.Rssi, row["rssi_dbm"].GetDouble());
            Assert.Equal(labels.Loss, row["loss_pct"].GetDouble());
            Assert.Equal(1, row["up"].GetInt64());
        }

        var states = await Polling.Eventually(
            () => influx.SelectAsync(database, $"SELECT * FROM device_state WHERE tenant = '{tenant}'"),
            s => s.Sum(x => x.Rows.Count) == devices, Patience, $"{devices} device_state points (first seen) in InfluxDB");
        Assert.All(states.SelectMany(s => s.Rows), r => Assert.Equal("online", r["state"].GetString()));
    }

    [Fact]
    public async Task MetricsApi_OnInflux_ReturnsRawPointsAndStepAverages()
    {
        var (host, port) = LocalDeps.InfluxDb();
        var database = UniqueId.New("api").Replace('-', '_');
        var tenant = UniqueId.New("t");
        using var data = new TempFolder();
        await using var server = await MonitoringServer.StartAsync(ServerArguments.Defaults(data.Path).Influx($"http://{host}:{port}", database));
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        var now = DateTimeOffset.UtcNow;
        var start = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 60 * 60 - 180); // a whole minute, 3 min ago
        double[] values = [-60, -70, -80, -50];
        for (var i = 0; i < values.Length; i++)
        {
            // Two points in each of two minutes: 0 s and 30 s past each.
            var at = start.AddSeconds(30 * i);
            await device.PublishHeartbeatAsync(tenant, "gw-1", new { ts = at.ToUnixTimeMilliseconds(), site = "Site 17, Hall B", metrics = new { rssi_dbm = values[i] } });
        }

        var range = $"from={Uri.EscapeDataString(start.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(now.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture))}";
        var raw = await Polling.Eventually(() => server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/devices/gw-1/metrics?name=rssi_dbm&{range}"),
            j => j.GetProperty("points").GetArrayLength() == values.Length, Patience, "the API serves the four points from InfluxDB");
        Assert.Equal("rssi_dbm", raw.GetProperty("name").GetString());
        Assert.Equal(values, Values(raw));
        Assert.Equal(start, raw.GetProperty("points")[0].GetProperty("t").GetDateTimeOffset());

        var stepped = await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/devices/gw-1/metrics?name=rssi_dbm&{range}&step=60");
        Assert.Equal([-65.0, -65.0], Values(stepped));
        Assert.Equal([start, start.AddMinutes(1)], stepped.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("t").GetDateTimeOffset()));
    }

    private static double[] Values(JsonElement series) =>
        series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("v").GetDouble()).ToArray();

    /// <summary>A hostile label within the contract's 128 characters, never cut inside a surrogate pair.</summary>
    private static string Label(HostileText text)
    {
        var label = text.Next();
        if (label.Length <= 128)
        {
            return label;
        }

        var cut = char.IsHighSurrogate(label[127]) ? 127 : 128;
        return label[..cut];
    }
}
