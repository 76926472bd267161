using System.Globalization;
using Spectre.Console;

namespace Monitoring.Simulator;

/// <summary>Prints the verify report as a table: a Spectre.Console table on a terminal, aligned plain text when redirected.</summary>
internal static class ReportPrinter
{
    private static readonly string[] Headers =
        ["scenario", "faults", "detected", "missed", "latency p50", "latency p99", "1st case p50", "1st case p99", "cases/cause", "max", "devices in cases", "case kinds", "calls", "before call"];

    public static void Print(VerificationReport report, TextWriter output)
    {
        var rows = report.Scenarios.Select(Row).ToList();
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("detection against ground truth");
            foreach (var header in Headers)
            {
                table.AddColumn(new TableColumn(Markup.Escape(header)));
            }

            foreach (var row in rows)
            {
                table.AddRow(row.Select(cell => new Text(cell)).ToArray());
            }

            AnsiConsole.Write(table);
        }
        else
        {
            var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
            output.WriteLine(string.Join("  ", Headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
            foreach (var row in rows)
            {
                output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            }
        }

        output.WriteLine($"cases read: {report.CasesRead}; run window {Stamp(report.RunStartedAt)} .. {Stamp(report.RunEndedAt)}");
        output.WriteLine($"false cases (opened in the run, matching no fault): {report.FalseCases}"
            + (report.FalseCases == 0 ? "" : $" — {string.Join(", ", report.FalseCaseKinds.Select(k => $"{k.Value} {k.Key}"))}: {string.Join(" ", report.FalseCaseIds.Take(10))}{(report.FalseCases > 10 ? " …" : "")}"));
        if (report.UnrelatedCasesAfterRun > 0)
        {
            output.WriteLine($"cases opened after the run ended that match no fault (devices that stopped with the run): {report.UnrelatedCasesAfterRun}, not counted as false");
        }

        foreach (var fault in report.Faults)
        {
            output.WriteLine($"  {fault.Scenario} {fault.Subject.Type} {fault.Subject.Id}: {fault.Devices} device(s), start {Stamp(fault.Start)}, "
                + (fault.Detected ? $"detected in {Seconds(fault.DetectionLatencySeconds)}" : "not detected by one case")
                + $", {fault.Cases.Count} case(s) [{string.Join(", ", fault.CaseKinds.Select(k => $"{k.Value} {k.Key}"))}]"
                + $", {fault.DevicesInCasesShare:P0} of its devices in a case");
        }

        foreach (var note in report.Notes)
        {
            output.WriteLine($"note: {note}");
        }
    }

    private static string[] Row(ScenarioFigures f) =>
    [
        f.Scenario, Count(f.Faults), Count(f.Detected), Count(f.Missed), Seconds(f.DetectionLatencyP50Seconds), Seconds(f.DetectionLatencyP99Seconds),
        Seconds(f.FirstCaseLatencyP50Seconds), Seconds(f.FirstCaseLatencyP99Seconds),
        f.CasesPerRootCause is { } mean ? mean.ToString("0.##", CultureInfo.InvariantCulture) : "-", Count(f.MaxCasesPerRootCause),
        f.DevicesInCasesShare is { } share ? share.ToString("P0", CultureInfo.InvariantCulture) : "-",
        f.CaseKinds.Count == 0 ? "-" : string.Join(" ", f.CaseKinds.Select(k => $"{k.Key}:{k.Value}")),
        f.Calls == 0 ? "-" : $"{f.Calls} ({f.CallsDelivered} taken)",
        f.DetectedBeforeCallShare is { } before ? before.ToString("P0", CultureInfo.InvariantCulture) : "-",
    ];

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double? value) => value is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-";

    private static string Stamp(DateTimeOffset? value) =>
        value is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : "-";
}
