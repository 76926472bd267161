using System.Diagnostics;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// e2e: the same simulator stream (M heartbeats for N distinct devices, QoS 1, topic root <c>fleet</c>) received (A) by a bare
/// MQTTnet subscriber and (B) by the server (ingest, detect, api) through <c>$share/ingest/fleet/#</c> on one Mosquitto.
/// Each receiver first takes a warm-up stream of the same shape, unmeasured, so both are compared in their steady state
/// (code compiled by the JIT's last tier, every device known) as a long-running worker is.
/// </summary>
internal sealed class EndToEndScenario(string repo, Broker broker, LoadShape shape, long warmup, string runId, string? traceFile = null)
{
    private const string Filter = "$share/ingest/fleet/#";
    private const int ReceiveMaximum = 8192;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public record Result(long Published, long Ingested, long Lost, double BaselineRate, double ServerRate, double? ServerCpuMicrosPerMessage);

    public async Task<Result> RunAsync(Report report)
    {
        Console.WriteLine($"harness: e2e A (baseline subscriber): {shape.Messages} messages, {shape.Devices} devices, {shape.Connections} connections");
        var a = await RunBaselineAsync();
        Console.WriteLine($"harness: e2e B (server): same stream");
        var b = await RunServerAsync();

        var ratio = b.Rate / a.Rate;
        report.Heading($"End to end: {shape.Messages:N0} heartbeats for {shape.Devices:N0} devices over {shape.Connections} connections, QoS 1, after {warmup:N0} unmeasured warm-up heartbeats, {broker.Describe}");
        report.Table(
            ["", "A: bare MQTTnet subscriber", "B: Monitoring.Server (ingest,detect,api)", "B/A"],
            [
                ["messages received / ingested", $"{a.Received:N0} of {a.Published:N0}", $"{b.Ingested:N0} of {b.Published:N0} (+{b.Rejected:N0} rejected)", ""],
                ["lost (published − received)", $"{a.Published - a.Received:N0}", $"{b.Published - b.Ingested - b.Rejected:N0}", ""],
                ["processed rate (first→last message)", $"{Report.N(a.Rate)} msg/s", $"{Report.N(b.Rate)} msg/s", Report.N(ratio, "0.00")],
                ["sustained rate (scrapes inside the run)", "", b.InteriorRate is { } ir ? $"{Report.N(ir.Rate)} msg/s over {ir.Messages:N0} msgs" : "n/a", b.InteriorRate is { } ir2 ? Report.N(ir2.Rate / a.Rate, "0.00") : ""],
                ["server CPU per message (scrapes inside the run)", "", b.InteriorRate is { } ic ? $"{Report.N(ic.CpuMicrosPerMessage, "0.0")} µs ({Report.N(ic.Cores, "0.00")} cores)" : "n/a", ""],
                ["simulator publish rate (broker PUBACKs)", $"{Report.N(a.PublishRate)} msg/s", $"{Report.N(b.PublishRate)} msg/s", Report.N(b.PublishRate / a.PublishRate, "0.00")],
                ["receiver CPU during the window", $"{Report.N(a.CpuSeconds, "0.00")} s ({Report.N(a.CpuSeconds / a.Seconds, "0.00")} cores)", $"{Report.N(b.CpuSeconds, "0.00")} s ({Report.N(b.CpuSeconds / b.Seconds, "0.00")} cores)", Report.N(b.CpuSeconds / a.CpuSeconds, "0.0")],
                ["receiver CPU per message", $"{Report.N(a.CpuSeconds / a.Received * 1e6, "0.0")} µs", $"{Report.N(b.CpuSeconds / Math.Max(1, b.Ingested) * 1e6, "0.0")} µs", Report.N(b.CpuSeconds / Math.Max(1, b.Ingested) / (a.CpuSeconds / a.Received), "0.0")],
                ["receiver RSS (peak VmHWM)", $"{Report.Mb(a.PeakRssKb)} (harness process)", Report.Mb(b.PeakRssKb), ""],
                ["server RSS at the end (VmRSS)", "", Report.Mb(b.RssKb), ""],
                ["`/metrics` scrape during the load", "", $"{Report.N(b.ScrapeMs, "0.0")} ms mean over {b.Scrapes}", ""],
                ["Mosquitto CPU during the phase", a.BrokerCpu is { } ac ? $"{Report.N(ac, "0.00")} s" : "n/a", b.BrokerCpu is { } bc ? $"{Report.N(bc, "0.00")} s" : "n/a", ""],
                ["simulator CPU", $"{Report.N(a.SimulatorCpu, "0.00")} s", $"{Report.N(b.SimulatorCpu, "0.00")} s", ""],
                ["rest of the machine during the phase", a.Foreign, b.Foreign, ""],
            ]);
        report.Line($"B's window is taken from `/metrics` (`{Prometheus.Received}`) scraped once a second: from the last scrape before the first message to the first scrape at the total, so it errs long by up to ~2 s; the sustained figures use only scrapes inside the run (true counts and CPU readings at known times) and have no such bias. The simulator runs without `--server` in both phases, so the only scrapes are the harness's. A's window is exact (first to last message callback). "
            + $"A's CPU is the harness process (the subscriber is all it does meanwhile). Server start-up is excluded from B's CPU figure; its peak RSS includes it. Server exit code after SIGTERM: {b.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "killed"}.");
        return new Result(b.Published, b.Ingested, b.Published - b.Ingested - b.Rejected, a.Rate, b.Rate, b.InteriorRate?.CpuMicrosPerMessage);
    }

    private sealed record Phase(long Published, long Received, double Rate, double Seconds, double CpuSeconds, long PeakRssKb, double? BrokerCpu, double SimulatorCpu, double PublishRate, string Foreign);

    private async Task<Phase> RunBaselineAsync()
    {
        await using var subscriber = new BaselineSubscriber();
        await subscriber.ConnectAsync(broker, $"bench-baseline-{runId}", Filter, ReceiveMaximum);
        if (warmup > 0)
        {
            var warm = await SimulatorLoad.RunAsync(repo, broker, shape with { Messages = warmup }, server: null);
            await subscriber.WaitForAsync(warm.Published, Patience);
            Console.WriteLine($"harness: A warmed up with {subscriber.Received} messages");
            subscriber.Reset();
        }

        var self = Environment.ProcessId;
        var cpu0 = ProcStats.Read(self).CpuSeconds;
        var broker0 = BrokerCpu();
        var machine0 = MachineCpu.Read();
        var phase = Stopwatch.StartNew();
        var load = await SimulatorLoad.RunAsync(repo, broker, shape, server: null);
        await subscriber.WaitForAsync(load.Published, Patience);
        var cpu = ProcStats.Read(self).CpuSeconds - cpu0;
        var brokerCpu = BrokerCpu() - broker0;
        var machine = MachineCpu.Read() - machine0;
        var foreign = machine.Foreign(cpu + (brokerCpu ?? 0) + load.CpuSeconds, phase.Elapsed.TotalSeconds);
        var seconds = subscriber.Span.TotalSeconds;
        Console.WriteLine($"harness: A received {subscriber.Received} of {load.Published} in {seconds:0.00} s");
        if (subscriber.Received < load.Published) throw new InvalidOperationException($"the baseline subscriber received {subscriber.Received} of {load.Published}");
        return new Phase(load.Published, subscriber.Received, subscriber.Received / seconds, seconds, cpu, ProcStats.Read(self).PeakRssKb, brokerCpu, load.CpuSeconds, load.PublishRate, foreign);
    }

    private sealed record ServerPhase(long Published, long Ingested, long Rejected, double Rate, double Seconds, double CpuSeconds, long PeakRssKb,
        double? BrokerCpu, double SimulatorCpu, double PublishRate, CounterWatch.Interior? InteriorRate, int? ExitCode, long RssKb, double ScrapeMs, int Scrapes, string Foreign);

    private async Task<ServerPhase> RunServerAsync()
    {
        var folder = Directory.CreateTempSubdirectory("monitoring-bench-e2e-").FullName;
        try
        {
            var clientId = $"bench-server-{runId}";
            await using var server = ServerUnderTest.Start(repo, broker, Path.Combine(folder, "m.db"), clientId);
            var ready = await server.WaitReadyAsync(TimeSpan.FromSeconds(120));
            Console.WriteLine($"harness: server ready after {ready.TotalSeconds:0.00} s");
            if (warmup > 0)
            {
                var warm = await SimulatorLoad.RunAsync(repo, broker, shape with { Messages = warmup }, server: null);
                await WaitIngestedAsync(server, warm.Published);
            }

            var before = await server.ScrapeAsync();
            var broker0 = BrokerCpu();
            var machine0 = MachineCpu.Read();
            var phase = Stopwatch.StartNew();
            var self0 = ProcStats.Read(Environment.ProcessId).CpuSeconds;
            var server0 = server.Stats().CpuSeconds;
            await using var watch = new CounterWatch(server, before.Sum(Prometheus.Received), before.Sum(Prometheus.Rejected));
            // Profiling (--trace FILE) slows the server: its figures are for finding where the CPU goes, not for the table.
            using var trace = traceFile is null ? null : ChildProcess.Start("dotnet-trace",
                ["collect", "-p", server.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time,gc-collect",
                 "--duration", "00:00:00:20", "--format", "Speedscope", "-o", traceFile], "dotnet-trace", onLine: l => Console.WriteLine($"  dotnet-trace: {l}"));
            var load = await SimulatorLoad.RunAsync(repo, broker, shape, server: null);
            if (trace is not null) await trace.WaitForExitAsync(TimeSpan.FromMinutes(3));
            await watch.WaitForAsync(load.Published, Patience);
            var brokerCpu = BrokerCpu() - broker0;
            var machine = MachineCpu.Read() - machine0;
            var own = (server.Stats().CpuSeconds - server0) + (ProcStats.Read(Environment.ProcessId).CpuSeconds - self0) + (brokerCpu ?? 0) + load.CpuSeconds;
            var latest = watch.Latest;
            var ingested = (long)(latest.Received - watch.BaseReceived);
            var rejected = (long)(latest.Rejected - watch.BaseRejected);
            var window = watch.Window(load.Published);
            var stats = server.Stats();
            Console.WriteLine($"harness: B ingested {ingested} (+{rejected} rejected) of {load.Published}; window {window?.Window.TotalSeconds:0.00} s");
            if (window is null) throw new InvalidOperationException($"the server ingested {ingested} + {rejected} rejected of {load.Published}:\n{server.Tail(40)}");
            var seconds = window.Value.Window.TotalSeconds;
            var exit = await server.StopAsync();
            await broker.ForgetSessionAsync(clientId);
            var (scrapeMs, scrapes) = watch.ScrapeCost;
            return new ServerPhase(load.Published, ingested, rejected, load.Published / seconds, seconds, window.Value.CpuSeconds, stats.PeakRssKb,
                brokerCpu, load.CpuSeconds, load.PublishRate, watch.InteriorRate(load.Published), exit, stats.RssKb, scrapeMs, scrapes, machine.Foreign(own, phase.Elapsed.TotalSeconds));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WaitIngestedAsync(ServerUnderTest server, long expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var scrape = await server.ScrapeAsync();
            var seen = scrape.Sum(Prometheus.Received) + scrape.Sum(Prometheus.Rejected);
            if (seen >= expected)
            {
                Console.WriteLine($"harness: B warmed up with {seen} messages");
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(5)) throw new InvalidOperationException($"the server ingested {seen} of {expected} warm-up messages");
            await Task.Delay(200);
        }
    }

    private double? BrokerCpu() => broker.Pid is { } pid && ProcStats.TryRead(pid) is { } s ? s.CpuSeconds : null;
}
