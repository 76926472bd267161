using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitoring.Benchmarks.Harness;

/// <summary>One <c>Monitoring.Simulator load</c> run as a child process, with its CPU sampled while it runs.</summary>
internal sealed partial record SimulatorLoad(long Published, double PublishRate, double? EndToEndRate, double CpuSeconds, string Output)
{
    public static string Dll(string repo) =>
        Environment.GetEnvironmentVariable("MONITORING_SIMULATOR_DLL") is { Length: > 0 } dll
            ? dll
            : Path.Combine(repo, "simulators/Monitoring.Simulator/bin/Release/net10.0/Monitoring.Simulator.dll");

    public static async Task<SimulatorLoad> RunAsync(string repo, Broker broker, LoadShape shape, Uri? server)
    {
        var dll = Dll(repo);
        if (!File.Exists(dll)) throw new FileNotFoundException($"build the simulator first: dotnet build -c Release ({dll})");
        var args = new List<string>
        {
            dll, "load", "--host", broker.Host, "--port", broker.Port.ToString(CultureInfo.InvariantCulture),
            "--devices", shape.Devices.ToString(CultureInfo.InvariantCulture),
            "--connections", shape.Connections.ToString(CultureInfo.InvariantCulture),
            "--messages", shape.Messages.ToString(CultureInfo.InvariantCulture),
        };
        if (server is not null) args.AddRange(["--server", server.ToString()]);
        using var child = ChildProcess.Start("dotnet", args, "simulator", onLine: line => Console.WriteLine($"  simulator: {line}"));
        double cpu = 0;
        var exited = child.WaitForExitAsync(TimeSpan.FromMinutes(15));
        while (!exited.IsCompleted)
        {
            // The last reading before exit is the simulator's CPU time to within one sampling period.
            if (ProcStats.TryRead(child.Pid) is { } s) cpu = s.CpuSeconds;
            await Task.WhenAny(exited, Task.Delay(100));
        }

        await exited;
        var output = string.Join('\n', child.Lines);
        if (child.ExitCode != 0) throw new InvalidOperationException($"the simulator exited with {child.ExitCode}:\n{output}");
        var published = PublishedLine().Match(output);
        if (!published.Success) throw new InvalidOperationException($"the simulator did not report what it published:\n{output}");
        var endToEnd = EndToEndLine().Match(output);
        return new SimulatorLoad(
            long.Parse(published.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(published.Groups[2].Value, CultureInfo.InvariantCulture),
            endToEnd.Success ? double.Parse(endToEnd.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            cpu, output);
    }

    [GeneratedRegex(@"published (\d+) heartbeats .*: (\d+) msg/s acknowledged by the broker")]
    private static partial Regex PublishedLine();

    [GeneratedRegex(@"server ingested all of them .*: (\d+) msg/s end to end")]
    private static partial Regex EndToEndLine();
}

/// <summary>What a load publishes: M messages round-robin over N distinct devices on C connections.</summary>
internal sealed record LoadShape(int Devices, int Connections, long Messages);
