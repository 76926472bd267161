namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// e2e repeated: A then B, round after round on the same broker, and one table of every round's figures with the
/// median ratio. The baseline's own rate moves by a quarter between runs on a shared 2-core machine, so one round's
/// B/A says little; the median of several, each A and B measured back to back, says more.
/// </summary>
internal sealed class EndToEndRounds(Func<int, EndToEndScenario> round, int rounds)
{
    public async Task<List<EndToEndScenario.Result>> RunAsync(Report report)
    {
        var results = new List<EndToEndScenario.Result>();
        for (var i = 1; i <= rounds; i++)
        {
            Console.WriteLine($"harness: e2e round {i} of {rounds}");
            results.Add(await round(i).RunAsync(report));
        }

        if (rounds > 1)
        {
            var ratios = results.Select(r => r.ServerRate / r.BaselineRate).Order().ToList();
            report.Heading($"End to end over {rounds} rounds (each: A, then B, as above)");
            report.Table(["round", "A: bare subscriber", "B: server", "B/A", "server CPU a message", "lost"],
                results.Select((r, i) => new[]
                {
                    $"{i + 1}", $"{Report.N(r.BaselineRate)} msg/s", $"{Report.N(r.ServerRate)} msg/s", Report.N(r.ServerRate / r.BaselineRate, "0.00"),
                    r.ServerCpuMicrosPerMessage is { } us ? $"{Report.N(us, "0.0")} µs" : "n/a", $"{r.Lost:N0}",
                }));
            report.Line($"Median B/A: {Report.N(Median(ratios), "0.00")} (lowest {Report.N(ratios[0], "0.00")}, highest {Report.N(ratios[^1], "0.00")}).");
        }

        return results;
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
