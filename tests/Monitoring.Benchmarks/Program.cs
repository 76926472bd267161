using System.Globalization;
using BenchmarkDotNet.Running;
using Monitoring.Benchmarks.Harness;
using Monitoring.Benchmarks.Micro;

// micro  [--artifacts DIR] [BenchmarkDotNet options, e.g. --filter *Decode*]  BenchmarkDotNet micro-benchmarks
// e2e    [--messages M] [--devices N] [--connections C] [--warmup W] [--rounds R] [--out FILE.md]  baseline subscriber vs server on Mosquitto, R times
//        [--trace FILE.nettrace]  also profile the server for 20 s of the load with dotnet-trace (slows it; figures then not comparable)
// scale  [--scale-devices N] [--latency-devices K] [--passes P] [--out FILE.md]
// smoke  [--out FILE.md]                                                      seconds-long e2e + scale; exits 0 when it completes
// dashboard [--dashboard-devices N] [--runs R] [--out FILE.md]                page weight and time to interactive in Chromium
// series [--points P] [--rounds R] [--messages M] [--devices N] [--out FILE.md]  InfluxDB writer vs curl; ingest rate None vs Influx
if (args.Length == 0 || args[0] is not ("micro" or "e2e" or "scale" or "smoke" or "dashboard" or "series"))
{
    Console.Error.WriteLine("usage: Monitoring.Benchmarks micro|e2e|scale|smoke|dashboard|series [options]  (see Program.cs and BENCHMARKS.md)");
    return 2;
}

var rest = args[1..];
if (args[0] == "micro")
{
    var artifacts = Option(rest, "--artifacts") ?? Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
    var bdnArgs = Strip(rest, "--artifacts");
    if (!bdnArgs.Contains("--filter")) bdnArgs = [.. bdnArgs, "--filter", "*"];
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(DecodeBenchmarks).Assembly).Run(bdnArgs, MicroConfig.Create(artifacts));
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

var smoke = args[0] == "smoke";
var shape = new LoadShape(
    Int(rest, "--devices", smoke ? 10_000 : 100_000),
    Int(rest, "--connections", smoke ? 2 : 4),
    Int(rest, "--messages", smoke ? 3_000 : 500_000));
var warmup = Int(rest, "--warmup", smoke ? 1_000 : 200_000);
var scaleDevices = Int(rest, "--scale-devices", smoke ? 10_000 : 1_000_000);
var latencyDevices = Int(rest, "--latency-devices", smoke ? 20 : 200);
var passes = Int(rest, "--passes", smoke ? 2 : 5);
var output = Option(rest, "--out");
var runId = $"{DateTime.UtcNow:HHmmss}{Environment.ProcessId}";
var repo = Loopback.RepoRoot();
var report = new Report();
try
{
    await using var broker = await Broker.StartAsync(repo);
    if (args[0] == "series")
    {
        await using var influx = await InfluxServer.StartAsync(repo);
        var seriesShape = new LoadShape(Int(rest, "--devices", 20_000), Int(rest, "--connections", 2), Int(rest, "--messages", 100_000));
        await new SeriesScenario(repo, broker, influx, Int(rest, "--points", 500_000), Int(rest, "--rounds", 3), seriesShape, runId).RunAsync(report);
    }

    if (args[0] is "e2e" or "smoke")
    {
        var rounds = new EndToEndRounds(i => new EndToEndScenario(repo, broker, shape, warmup, $"{runId}r{i}", Option(rest, "--trace")), Int(rest, "--rounds", 1));
        if ((await rounds.RunAsync(report)).FirstOrDefault(r => r.Lost != 0) is { } lossy)
        {
            report.WriteTo(output);
            Console.Error.WriteLine($"harness: FAILED: {lossy.Lost} of {lossy.Published} QoS 1 messages were lost");
            return 1;
        }
    }

    if (args[0] is "scale" or "smoke")
    {
        await new ScaleScenario(repo, broker, scaleDevices, latencyDevices, passes, runId).RunAsync(report);
    }

    if (args[0] is "dashboard")
    {
        await new DashboardScenario(repo, broker, Int(rest, "--dashboard-devices", 100_000), Int(rest, "--runs", 3), runId).RunAsync(report);
    }
}
catch (Exception ex)
{
    report.WriteTo(output);
    Console.Error.WriteLine($"harness: FAILED: {ex}");
    return 1;
}

report.WriteTo(output);
Console.WriteLine($"harness: {args[0]} completed");
return 0;

static string? Option(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static int Int(string[] args, string name, int fallback) =>
    Option(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

static string[] Strip(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i < 0 ? args : [.. args[..i], .. args[Math.Min(args.Length, i + 2)..]];
}
