using System.CommandLine;
using System.Text.Json;

namespace Monitoring.Simulator;

/// <summary>The <c>verify</c> command: the server's cases against a run's ground truth.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var truth = new Option<string>("--truth") { Description = "ground-truth file a run wrote", DefaultValueFactory = _ => "truth.jsonl" };
        var api = new Option<Uri?>("--api") { Description = "the server's HTTP address", Required = true, CustomParser = RunCommand.ParseUri };
        var key = new Option<string>("--key") { Description = "API key (bearer) that reaches the truth's tenants", Required = true };
        var output = new Option<string?>("--out") { Description = "write the figures as JSON to this file" };

        var command = new Command("verify", "Compare the server's cases with a run's ground truth: detection, latency, misses, false cases, cases per root cause.")
        {
            truth, api, key, output,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(truth)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"no truth file at {path}");
                return 2;
            }

            var records = TruthLog.Read(path);
            using var reader = new CaseReader(result.GetValue(api)!, result.GetValue(key)!);
            var cases = new List<ServerCase>();
            foreach (var tenant in records.SelectMany(r => r.Tenants ?? [r.Tenant]).Distinct())
            {
                cases.AddRange(await reader.ReadAllAsync(tenant, cancellationToken));
            }

            var report = DetectionScorer.Score(records, cases);
            ReportPrinter.Print(report, Console.Out);
            if (result.GetValue(output) is { } outPath)
            {
                await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(report, TruthJson.Indented), cancellationToken);
                Console.Out.WriteLine($"figures written to {outPath}");
            }

            return 0;
        });
        return command;
    }
}
