using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Series;

/// <summary>
/// The embedded default, <c>Metrics:Provider=Sqlite</c>: heartbeats' metrics in a SQLite file of their own, served by
/// the metrics API, with old points downsampled and expired ones deleted; <c>None</c> switches series off.
/// </summary>
public sealed class SqliteSeriesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task MetricsApi_ServesRawPointsAndStepAverages_AndRedeliveryIsStoredOnce()
    {
        using var data = new TempFolder();
        await using var server = await MonitoringServer.StartAsync(ServerArguments.Defaults(data.Path));
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        var start = Minute(DateTimeOffset.UtcNow.AddMinutes(-3));
        double[] values = [-60, -70, -80, -50];
        for (var i = 0; i < values.Length; i++)
        {
            await device.PublishHeartbeatAsync("acme", "gw-1", new { ts = start.AddSeconds(30 * i).ToUnixTimeMilliseconds(), metrics = new { rssi_dbm = values[i] } });
        }

        // The same heartbeat again, as a broker redelivers after a crash: it carries its ts, so it is stored once.
        await device.PublishHeartbeatAsync("acme", "gw-1", new { ts = start.ToUnixTimeMilliseconds(), metrics = new { rssi_dbm = values[0] } });
        var range = Range(start.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var raw = await Polling.Eventually(() => server.Api.GetJsonAsync($"api/v1/tenants/acme/devices/gw-1/metrics?name=rssi_dbm&{range}"),
            j => j.GetProperty("points").GetArrayLength() >= values.Length, Patience, "four points served");
        await Task.Delay(300);
        raw = await server.Api.GetJsonAsync($"api/v1/tenants/acme/devices/gw-1/metrics?name=rssi_dbm&{range}");
        Assert.Equal(values, Values(raw));
        Assert.Equal(start, raw.GetProperty("points")[0].GetProperty("t").GetDateTimeOffset());

        var stepped = await server.Api.GetJsonAsync($"api/v1/tenants/acme/devices/gw-1/metrics?name=rssi_dbm&{range}&step=60");
        Assert.Equal([-65.0, -65.0], Values(stepped));
        Assert.Equal([start, start.AddMinutes(1)], Times(stepped));
        var up = await server.Api.GetJsonAsync($"api/v1/tenants/acme/devices/gw-1/metrics?name=up&{range}&step=3600");
        // One bucket an hour the heartbeats fall in: two when the test runs across the turn of an hour.
        var hours = Enumerable.Range(0, values.Length).Select(i => start.AddSeconds(30 * i).ToUnixTimeSeconds() / 3600).Distinct().Count();
        Assert.Equal(Enumerable.Repeat(1.0, hours), Values(up));
        Assert.True(File.Exists(Path.Combine(data.Path, "metrics.db")));
    }

    [Fact]
    public async Task OldPoints_DownsampledIntoBuckets_ExpiredOnesDeleted()
    {
        using var data = new TempFolder();
        await using var server = await MonitoringServer.StartAsync(ServerArguments.Defaults(data.Path)
            // Device clocks far in the past are believed here, to make old points without waiting days.
            .Set("Ingestion:MaxClockSkew", "30.00:00:00")
            .Set("Metrics:Retention", "2.00:00:00")
            .Set("Metrics:Sqlite:DownsampleAfter", "1.00:00:00")
            .Set("Metrics:Sqlite:DownsampleStep", "00:05:00")
            .Set("Metrics:Sqlite:MaintenanceInterval", "00:00:01"));
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        var now = DateTimeOffset.UtcNow;
        var bucket = DateTimeOffset.FromUnixTimeSeconds((now.AddHours(-36).ToUnixTimeSeconds() / 300) * 300);
        var recent = now.AddMinutes(-2);
        var points = new (DateTimeOffset At, double Rssi)[]
        {
            (now.AddDays(-3), -99), (bucket, -60), (bucket.AddMinutes(1), -70), (bucket.AddMinutes(4), -80), (recent, -50),
        };
        foreach (var (at, rssi) in points)
        {
            await device.PublishHeartbeatAsync("acme", "gw-2", new { ts = at.ToUnixTimeMilliseconds(), metrics = new { rssi_dbm = rssi } });
        }

        var range = Range(now.AddDays(-4), now.AddMinutes(1));
        var series = await Polling.Eventually(() => server.Api.GetJsonAsync($"api/v1/tenants/acme/devices/gw-2/metrics?name=rssi_dbm&{range}"),
            j => j.GetProperty("points").GetArrayLength() == 2, Patience, "the expired point gone and the old bucket averaged");
        Assert.Equal([-70.0, -50.0], Values(series));
        Assert.Equal([bucket, DateTimeOffset.FromUnixTimeMilliseconds(recent.ToUnixTimeMilliseconds())], Times(series));
    }

    [Fact]
    public async Task SeriesFileWithOneRowAField_IsConvertedAtStart_AndItsPointsAreServed()
    {
        using var data = new TempFolder();
        // Whole hours in the past, so that one hour-long bucket holds every point.
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeSeconds() / 3600 * 3600);
        using (var old = new SqliteConnection($"Data Source={Path.Combine(data.Path, "metrics.db")};Pooling=False"))
        {
            old.Open();
            using var command = old.CreateCommand();
            var ms = start.ToUnixTimeMilliseconds();
            command.CommandText = $"""
                CREATE TABLE device_metrics (tenant TEXT NOT NULL, device TEXT NOT NULL, field TEXT NOT NULL, ts INTEGER NOT NULL,
                    value REAL NOT NULL, samples INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (tenant, device, field, ts)) WITHOUT ROWID;
                CREATE INDEX device_metrics_ts ON device_metrics (ts);
                INSERT INTO device_metrics VALUES
                    ('acme', 'gw-9', 'rssi_dbm', {ms}, -65, 3), ('acme', 'gw-9', 'up', {ms}, 1, 3),
                    ('acme', 'gw-9', 'rssi_dbm', {ms + 60_000}, -70, 1), ('acme', 'gw-9', 'loss_pct', {ms + 60_000}, 0.5, 1),
                    ('acme', 'gw-9', 'up', {ms + 60_000}, 1, 1);
                """;
            command.ExecuteNonQuery();
        }

        await using var server = await MonitoringServer.StartAsync(ServerArguments.Defaults(data.Path).Set("Ingestion:MaxClockSkew", "1.00:00:00"));
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        await device.PublishHeartbeatAsync("acme", "gw-9", new { ts = start.AddMinutes(2).ToUnixTimeMilliseconds(), metrics = new { rssi_dbm = -50 } });
        var range = Range(start.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var rssi = await Polling.Eventually(() => server.Api.GetJsonAsync($"api/v1/tenants/acme/devices/gw-9/metrics?name=rssi_dbm&{range}"),
            j => j.GetProperty("points").GetArrayLength() == 3, Patience, "the converted points and the new one served");
        Assert.Equal([-65.0, -70.0, -50.0], Values(rssi));
        Assert.Equal([start, start.AddMinutes(1), start.AddMinutes(2)], Times(rssi));
        var loss = await server.Api.GetJsonAsync($"api/v1/tenants/acme/devices/gw-9/metrics?name=loss_pct&{range}");
        Assert.Equal([0.5], Values(loss));
        // The old bucket stood for three heartbeats and keeps that weight: (3 × -65 + -70 + -50) / 5.
        var hour = await server.Api.GetJsonAsync($"api/v1/tenants/acme/devices/gw-9/metrics?name=rssi_dbm&{range}&step=3600");
        Assert.Equal([-63.0], Values(hour));
    }

    [Fact]
    public async Task ProviderNone_StoresNoSeries_AndTheApiAnswersEmpty()
    {
        using var data = new TempFolder();
        await using var server = await MonitoringServer.StartAsync(ServerArguments.Defaults(data.Path).Set("Metrics:Provider", "None"));
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        await device.PublishHeartbeatAsync("acme", "gw-3", new { metrics = new { rssi_dbm = -61 } });
        await Polling.Eventually(() => server.Api.FindDeviceAsync("acme", "gw-3"), d => d is not null, Patience, "the device stored");

        var series = await server.Api.GetJsonAsync("api/v1/tenants/acme/devices/gw-3/metrics?name=rssi_dbm");
        Assert.Equal(0, series.GetProperty("points").GetArrayLength());
        Assert.False(File.Exists(Path.Combine(data.Path, "metrics.db")));
    }

    [Theory]
    [InlineData("name=")]
    [InlineData("")]
    [InlineData("name=RSSI")]
    [InlineData("name=rssi_dbm&from=yesterday")]
    [InlineData("name=rssi_dbm&to=2026-13-01T00:00:00Z")]
    [InlineData("name=rssi_dbm&from=2026-11-22T19:00:00Z&to=2026-11-22T18:00:00Z")]
    [InlineData("name=rssi_dbm&step=0")]
    [InlineData("name=rssi_dbm&step=1.5")]
    [InlineData("name=rssi_dbm&from=2026-01-01T00:00:00Z&to=2026-11-22T18:00:00Z&step=1")]
    public async Task MetricsApi_BadParameter_Is400Problem(string query)
    {
        using var data = new TempFolder();
        await using var server = await MonitoringServer.StartAsync(ServerArguments.Defaults(data.Path));
        using var response = await server.Http.GetAsync($"api/v1/tenants/acme/devices/gw-1/metrics?{query}");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MetricsApi_UnknownDevice_Is404_AndTheKeyIsCheckedFirst()
    {
        using var data = new TempFolder();
        await using var server = await MonitoringServer.StartAsync(ServerArguments.Defaults(data.Path));
        using var unknown = await server.Http.GetAsync("api/v1/tenants/acme/devices/nobody/metrics?name=rssi_dbm");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        using var anonymous = server.CreateClient(null);
        using var noKey = await anonymous.GetAsync("api/v1/tenants/acme/devices/nobody/metrics?name=rssi_dbm");
        await ProblemAssert.IsProblemAsync(noKey, HttpStatusCode.Unauthorized);
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds() / 60 * 60);

    private static string Range(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";

    private static double[] Values(JsonElement series) =>
        series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("v").GetDouble()).ToArray();

    private static DateTimeOffset[] Times(JsonElement series) =>
        series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("t").GetDateTimeOffset()).ToArray();
}
