using System.Diagnostics;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// scale: N registered devices written into a SQLite store (<see cref="RegisteredFleet"/>), the server
/// started on it (restart-to-ready, RSS, detection pass time), the detection latency of silent devices, and a restart.
/// </summary>
internal sealed class ScaleScenario(string repo, Broker broker, int devices, int latencyDevices, int passes, string runId)
{
    public async Task RunAsync(Report report)
    {
        var folder = Directory.CreateTempSubdirectory("monitoring-bench-scale-").FullName;
        try
        {
            var database = Path.Combine(folder, "m.db");
            var generated = await RegisteredFleet.WriteAsync(database, "scale", devices);
            var clientId = $"bench-scale-{runId}";

            Console.WriteLine("harness: scale: first start");
            ServerFigures first;
            List<LatencyProbe.Sample> latency;
            List<(double Le, double Count)> delayBuckets;
            int? exit;
            TimeSpan stopTook;
            var passForeign = "";
            await using (var server = ServerUnderTest.Start(repo, broker, database, clientId))
            {
                first = await MeasureStartAsync(server);
                Console.WriteLine($"harness: ready {first.Ready.TotalSeconds:0.00} s, RSS {first.RssKb / 1024} MB; waiting for {passes} detection passes");
                var machine0 = MachineCpu.Read();
                var phase = Stopwatch.StartNew();
                var own0 = server.Stats().CpuSeconds + ProcStats.Read(Environment.ProcessId).CpuSeconds;
                var pass = await DetectionPassesAsync(server);
                var own = server.Stats().CpuSeconds + ProcStats.Read(Environment.ProcessId).CpuSeconds - own0;
                passForeign = (MachineCpu.Read() - machine0).Foreign(own, phase.Elapsed.TotalSeconds);
                Console.WriteLine($"harness: detection latency probe, {latencyDevices} devices");
                latency = await new LatencyProbe(broker, server, $"latency-{runId}", latencyDevices).RunAsync();
                delayBuckets = (await server.ScrapeAsync()).Buckets("monitoring_detection_delay_seconds");
                var stopping = Stopwatch.StartNew();
                exit = await server.StopAsync();
                stopTook = stopping.Elapsed;
                first = first with { Pass = pass };
            }

            Console.WriteLine("harness: scale: restart");
            ServerFigures second;
            await using (var server = ServerUnderTest.Start(repo, broker, database, clientId))
            {
                second = await MeasureStartAsync(server);
                await server.StopAsync();
            }

            await broker.ForgetSessionAsync(clientId);
            Write(report, generated, first, second, exit, stopTook, latency, delayBuckets, passForeign);
            if (latency.Count < latencyDevices) throw new InvalidOperationException("not every silent device was judged offline");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record ServerFigures(TimeSpan Ready, long RssKb, long PeakRssKb, double ReadyCpu, double ScrapeMs, double ScrapeCpuMs, PassFigures? Pass);

    private sealed record PassFigures(double Count, double MeanSeconds, double FirstSeconds, double LaterMeanSeconds, double LaterCount);

    private static async Task<ServerFigures> MeasureStartAsync(ServerUnderTest server)
    {
        var ready = await server.WaitReadyAsync(TimeSpan.FromMinutes(5));
        var cpu = server.Stats().CpuSeconds;
        // Let start-up garbage settle so RSS reflects the loaded fleet, not the load's transient peak.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var stats = server.Stats();
        // What one Prometheus scrape costs the server on this fleet (FleetGauge walks every device per scrape).
        const int scrapes = 5;
        var cpu0 = server.Stats().CpuSeconds;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < scrapes; i++) await server.ScrapeAsync();
        var scrapeMs = clock.Elapsed.TotalMilliseconds / scrapes;
        var scrapeCpuMs = (server.Stats().CpuSeconds - cpu0) * 1000 / scrapes;
        return new ServerFigures(ready, stats.RssKb, stats.PeakRssKb, cpu, scrapeMs, scrapeCpuMs, null);
    }

    private async Task<PassFigures> DetectionPassesAsync(ServerUnderTest server)
    {
        const string name = "monitoring_detection_pass_seconds";
        double firstSum = double.NaN;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var scrape = await server.ScrapeAsync();
            var count = scrape.Sum(name + "_count");
            var sum = scrape.Sum(name + "_sum");
            if (count >= 1 && double.IsNaN(firstSum) && count < 2) firstSum = sum;
            if (count >= passes)
            {
                var laterCount = double.IsNaN(firstSum) ? count : count - 1;
                var laterSum = double.IsNaN(firstSum) ? sum : sum - firstSum;
                return new PassFigures(count, sum / count, firstSum, laterSum / laterCount, laterCount);
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"only {count} detection passes in 5 minutes:\n{server.Tail(30)}");
            await Task.Delay(200);
        }
    }

    private void Write(Report report, (TimeSpan Took, long FileBytes) generated, ServerFigures first, ServerFigures second, int? exit, TimeSpan stopTook,
        List<LatencyProbe.Sample> latency, List<(double Le, double Count)> delayBuckets, string passForeign)
    {
        var pass = first.Pass!;
        report.Heading($"Scale: {devices:N0} registered devices in SQLite, server with ingest,detect,api, {broker.Describe}");
        report.Table(["figure", "value", "how"],
        [
            ["store generation", $"{Report.N(generated.Took.TotalSeconds, "0.0")} s ({Report.N(devices / generated.Took.TotalSeconds)} devices/s), {generated.FileBytes / 1048576} MB", "SqliteDeviceStore.SaveAsync, 10,000 devices a transaction"],
            ["start-to-ready (first start)", $"{Report.N(first.Ready.TotalSeconds, "0.00")} s", "process start until `/readyz` 200 (store load into LiveFleet + broker subscription)"],
            ["restart-to-ready", $"{Report.N(second.Ready.TotalSeconds, "0.00")} s", "same store, same MQTT client id, after a SIGTERM stop"],
            ["CPU spent until ready", $"{Report.N(first.ReadyCpu, "0.0")} s / {Report.N(second.ReadyCpu, "0.0")} s", "utime+stime at ready, first start / restart"],
            ["RSS after load", $"{Report.Mb(first.RssKb)} / {Report.Mb(second.RssKb)}", "VmRSS 3 s after ready, first start / restart"],
            ["peak RSS during load", $"{Report.Mb(first.PeakRssKb)} / {Report.Mb(second.PeakRssKb)}", "VmHWM 3 s after ready"],
            ["RSS per device", $"{Report.N(first.RssKb * 1024.0 / devices)} bytes", "VmRSS / devices (includes the runtime's fixed ~60–80 MB)"],
            ["`/metrics` scrape", $"{Report.N(first.ScrapeMs, "0")} ms wall, {Report.N(first.ScrapeCpuMs, "0")} ms server CPU", "mean of 5 scrapes after ready (CPU includes whatever else ran meanwhile, e.g. a detection pass)"],
            ["detection pass, mean", $"{Report.N(pass.MeanSeconds * 1000, "0")} ms over {pass.Count} passes", "`monitoring_detection_pass_seconds_sum / _count`"],
            ["detection pass, first / later", $"{Report.N(pass.FirstSeconds * 1000, "0")} ms / {Report.N(pass.LaterMeanSeconds * 1000, "0")} ms (mean of {pass.LaterCount})", "the first pass includes JIT and the journal's first flush"],
            ["rest of the machine while the passes ran", passForeign, "/proc/stat busy time minus the server's and the harness's"],
            ["graceful stop", $"{Report.N(stopTook.TotalSeconds, "0.0")} s, exit {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "killed"}", "SIGTERM until exit"],
        ]);

        var observed = latency.Select(s => s.ObservedLate).ToList();
        var stamped = latency.Select(s => s.StateSinceLate).ToList();
        report.Line($"Detection latency, {latency.Count} silent devices (interval_s=1, MissedHeartbeats 3, Detection:Period 5 s, goal p99 ≤ 6 s), on top of the {devices:N0}-device fleet:");
        report.Line("");
        report.Table(["measure", "p50", "p99", "max", "how"],
        [
            ["judged offline, seen in the API − deadline", $"{Report.N(LatencyProbe.Percentile(observed, 50), "0.00")} s", $"{Report.N(LatencyProbe.Percentile(observed, 99), "0.00")} s", $"{Report.N(observed.Max(), "0.00")} s",
                "first `GET …/devices?state=offline` poll (every 100 ms) listing it, minus lastSeen + 3 s"],
            ["`stateSince` − deadline", $"{Report.N(LatencyProbe.Percentile(stamped, 50), "0.00")} s", $"{Report.N(LatencyProbe.Percentile(stamped, 99), "0.00")} s", $"{Report.N(stamped.Max(), "0.00")} s",
                "the API's stateSince: by design (DeviceStateMachine.OnSilence) it is the deadline, not the time of the pass"],
            ["server histogram `monitoring_detection_delay_seconds`", HistogramQuantile(delayBuckets, 0.5), HistogramQuantile(delayBuckets, 0.99), "", "bucket upper bound holding the quantile (pass start − deadline, excludes the flush)"],
        ]);
    }

    private static string HistogramQuantile(List<(double Le, double Count)> buckets, double q)
    {
        if (buckets.Count == 0 || buckets[^1].Count == 0) return "n/a";
        var target = q * buckets[^1].Count;
        foreach (var (le, count) in buckets)
        {
            if (count >= target) return double.IsInfinity(le) ? "> last bucket" : $"≤ {Report.N(le, "0.##")} s";
        }

        return "n/a";
    }
}
