using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Benchmarks.Micro;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;
using Monitoring.Core.Series;
using Monitoring.Core.Stores;
using Monitoring.Storage;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// series: (1) points/s the product's InfluxDB writer (encode, gzip, spool, 5000-line requests over one keep-alive
/// connection) gets into a real InfluxDB 1.6, against curl posting the same requests pre-built as gzip files in the
/// same run; alternating rounds, each into a fresh database. (2) the server's ingest rate with
/// <c>Metrics:Provider=None</c> and with <c>Influx</c>, the same simulator stream on one Mosquitto.
/// </summary>
internal sealed class SeriesScenario(string repo, Broker broker, InfluxServer influx, int points, int rounds, LoadShape shape, string runId)
{
    private const int BatchLines = 5000;

    public async Task RunAsync(Report report)
    {
        var folder = Directory.CreateTempSubdirectory("monitoring-bench-series-").FullName;
        try
        {
            var heartbeats = Heartbeats(points);
            var files = await PrebuildAsync(heartbeats, folder);
            using var http = new HttpClient { BaseAddress = new Uri(influx.Url + "/") };
            var curl = new List<double>();
            var writer = new List<double>();
            if (rounds > 0)
            {
                await WarmUpAsync(heartbeats[..BatchLines], files[0], folder, http);
            }

            for (var round = 1; round <= rounds; round++)
            {
                curl.Add(await CurlAsync(files, folder, $"bench_curl_{runId}_{round}", http));
                writer.Add(await WriterAsync(heartbeats, folder, $"bench_writer_{runId}_{round}", http));
                Console.WriteLine($"harness: series round {round}: curl {curl[^1]:0} points/s, writer {writer[^1]:0} points/s");
            }

            var (none, sqlite, withInflux) = await IngestAsync(folder);
            report.Heading($"Time series: {points:N0} points into {influx.Describe}, {rounds} alternating rounds, medians");
            if (rounds > 0)
            {
                var a = Median(curl);
                var b = Median(writer);
                report.Table(["", "A: curl, pre-built gzip requests", "B: Monitoring's InfluxDB writer", "B/A"],
                [
                    ["points/s written (all rounds)", string.Join(" · ", curl.Select(r => Report.N(r))), string.Join(" · ", writer.Select(r => Report.N(r))), ""],
                    ["points/s written (median)", Report.N(a), Report.N(b), Report.N(b / a, "0.00")],
                ]);
            }

            report.Line($"Both send {files.Count} requests of at most {BatchLines} lines (device_metrics, six tags, three metrics and `up`), gzip, over one keep-alive connection, one after another; "
                + "A's bodies are encoded and compressed before the clock starts; B's clock includes encoding, compression and the round trip through the on-disk spool (appended, then read back by the sender). Each round writes into a fresh database; every point is counted back with `SELECT count(up)`.");
            report.Table(["", "Metrics:Provider=None", "Sqlite (the default)", "Influx", "Sqlite/None", "Influx/None"],
            [
                ["ingest rate, same stream", $"{Report.N(none.Rate)} msg/s", $"{Report.N(sqlite.Rate)} msg/s", $"{Report.N(withInflux.Rate)} msg/s",
                    Report.N(sqlite.Rate / none.Rate, "0.00"), Report.N(withInflux.Rate / none.Rate, "0.00")],
                ["server CPU a message", $"{Report.N(none.CpuMicros, "0.0")} µs", $"{Report.N(sqlite.CpuMicros, "0.0")} µs", $"{Report.N(withInflux.CpuMicros, "0.0")} µs",
                    Report.N(sqlite.CpuMicros / none.CpuMicros, "0.00"), Report.N(withInflux.CpuMicros / none.CpuMicros, "0.00")],
            ]);
            report.Line($"The server (ingest,detect,api) on {broker.Describe}: {shape.Messages:N0} heartbeats for {shape.Devices:N0} devices over {shape.Connections} connections, each with three metrics; rate from `/metrics` first to last scrape. InfluxDB runs on the same two cores, so the Influx run's rate also pays for InfluxDB's own CPU; the server's CPU a message is its own share.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static DevicePoint[] Heartbeats(int count)
    {
        var now = DateTimeOffset.UtcNow.AddHours(-1);
        var devices = Enumerable.Range(0, 10_000).Select(i => SyntheticFleet.Device("bench", i, DeviceState.Online, now, 30) with { Site = $"Site {i / 50}, Hall B" }).ToArray();
        return Enumerable.Range(0, count)
            .Select(i => DevicePoint.Heartbeat(devices[i % devices.Length],
                [new Metric(MetricNames.RssiDbm, -61 - i % 30), new Metric(MetricNames.LatencyMs, 23.5 + i % 7), new Metric(MetricNames.LossPct, 0.4)],
                up: true, now.AddMilliseconds(i / devices.Length * 1000 + i % 1000)))
            .ToArray();
    }

    private static async Task<List<string>> PrebuildAsync(DevicePoint[] heartbeats, string folder)
    {
        var files = new List<string>();
        using var lines = new LineProtocolBuffer(1 << 20);
        for (var i = 0; i < heartbeats.Length; i += BatchLines)
        {
            lines.Clear();
            foreach (var p in heartbeats.AsSpan(i, Math.Min(BatchLines, heartbeats.Length - i)))
            {
                DeviceSeries.Write(lines, p);
            }

            var file = Path.Combine(folder, $"{files.Count:D5}.lp.gz");
            await using (var gzip = new GZipStream(File.Create(file), CompressionLevel.Fastest))
            {
                gzip.Write(lines.Written);
            }

            files.Add(file);
        }

        return files;
    }

    private async Task WarmUpAsync(DevicePoint[] some, string file, string folder, HttpClient http)
    {
        await CurlAsync([file], folder, $"bench_warm_{runId}", http, expect: some.Length);
        await WriterAsync(some, folder, $"bench_warm_{runId}", http);
    }

    private async Task<double> CurlAsync(IReadOnlyList<string> files, string folder, string database, HttpClient http, int? expect = null)
    {
        await CreateAsync(http, database);
        var config = Path.Combine(folder, "curl.conf");
        await File.WriteAllLinesAsync(config, files.SelectMany((f, i) => new[]
        {
            $"url = \"{influx.Url}/write?db={database}&precision=ms\"", $"data-binary = \"@{f}\"", "header = \"Content-Encoding: gzip\"",
            "header = \"Content-Type: text/plain; charset=utf-8\"", "output = \"/dev/null\"", "write-out = \"%{http_code}\\n\"", "silent", i < files.Count - 1 ? "next" : "",
        }));
        var clock = Stopwatch.StartNew();
        var (code, output) = await ChildProcess.RunAsync("curl", ["-K", config], TimeSpan.FromMinutes(10));
        var seconds = clock.Elapsed.TotalSeconds;
        var codes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (code != 0 || codes.Length != files.Count || codes.Any(c => c != "204"))
        {
            throw new InvalidOperationException($"curl exited {code}, answers: {string.Join(' ', codes.Distinct())}");
        }

        return await CountedAsync(http, database, expect ?? points) / seconds;
    }

    private async Task<double> WriterAsync(DevicePoint[] heartbeats, string folder, string database, HttpClient http)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Metrics:Provider"] = "Influx",
            ["Metrics:Influx:Url"] = influx.Url,
            ["Metrics:Influx:Database"] = database,
            ["Metrics:Spool:Path"] = Path.Combine(folder, $"spool-{database}"),
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "m.db")}",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging().AddMetrics().AddMonitoringStorage(configuration).BuildServiceProvider();
        var recorder = services.GetRequiredService<ISeriesRecorder>();
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        await CreateAsync(http, database);
        var spool = settings["Metrics:Spool:Path"]!;
        var clock = Stopwatch.StartNew();
        foreach (var p in heartbeats)
        {
            recorder.Record(p);
        }

        // Spooled (what an acknowledgement waits for), then sent by the spool's sender: done when the spool is empty.
        await recorder.FlushAsync(CancellationToken.None);
        while (Directory.GetFiles(spool, "*.seg").Length > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("the writer did not empty its spool");
            await Task.Delay(2);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        return await CountedAsync(http, database, heartbeats.Length) / seconds;
    }

    private async Task<((double Rate, double CpuMicros) None, (double Rate, double CpuMicros) Sqlite, (double Rate, double CpuMicros) Influx)> IngestAsync(string folder)
    {
        var none = await IngestRateAsync(folder, "none", ["--Metrics:Provider=None"]);
        var sqlite = await IngestRateAsync(folder, "sqlite", ["--Metrics:Provider=Sqlite"]);
        var withInflux = await IngestRateAsync(folder, "influx", ["--Metrics:Provider=Influx", $"--Metrics:Influx:Url={influx.Url}", $"--Metrics:Influx:Database=bench_ingest_{runId}"]);
        return (none, sqlite, withInflux);
    }

    private async Task<(double Rate, double CpuMicros)> IngestRateAsync(string folder, string name, string[] settings)
    {
        var clientId = $"bench-series-{name}-{runId}";
        await using var server = ServerUnderTest.Start(repo, broker, Path.Combine(folder, $"{name}.db"), clientId, settings: settings);
        await server.WaitReadyAsync(TimeSpan.FromSeconds(120));
        var before = await server.ScrapeAsync();
        var cpu0 = server.Stats().CpuSeconds;
        await using var watch = new CounterWatch(server, before.Sum(Prometheus.Received), before.Sum(Prometheus.Rejected));
        var load = await SimulatorLoad.RunAsync(repo, broker, shape, server: null);
        await watch.WaitForAsync(load.Published, TimeSpan.FromSeconds(60));
        var window = watch.Window(load.Published) ?? throw new InvalidOperationException($"the server ({name}) did not ingest the stream:\n{server.Tail(40)}");
        var cpu = server.Stats().CpuSeconds - cpu0;
        var after = await server.ScrapeAsync();
        if (after.Sum("monitoring_series_write_seconds_count") is > 0 and var writes)
        {
            Console.WriteLine($"harness: {writes:0} write requests, mean {after.Sum("monitoring_series_write_seconds_sum") / writes * 1000:0.0} ms, "
                + $"{after.Sum("monitoring_series_points_written_total"):0} points written, {after.Sum("monitoring_series_points_spooled_total"):0} spooled");
        }

        await server.StopAsync();
        await broker.ForgetSessionAsync(clientId);
        var rate = load.Published / window.Window.TotalSeconds;
        var perMessage = cpu / load.Published * 1e6;
        Console.WriteLine($"harness: ingest with Metrics:Provider={name}: {rate:0} msg/s, server CPU {perMessage:0.0} µs a message");
        return (rate, perMessage);
    }

    private static async Task CreateAsync(HttpClient http, string database)
    {
        using var response = await http.PostAsync("query", new FormUrlEncodedContent([new("q", $"CREATE DATABASE \"{database}\"")]));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<long> CountedAsync(HttpClient http, string database, int expected)
    {
        using var response = await http.PostAsync("query", new FormUrlEncodedContent([new("db", database), new("q", "SELECT count(up) FROM device_metrics")]));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var count = json.GetProperty("results")[0].TryGetProperty("series", out var s) ? s[0].GetProperty("values")[0][1].GetInt64() : 0;
        return count == expected ? count : throw new InvalidOperationException($"{database} holds {count} points, expected {expected}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
