namespace Monitoring.Simulator;

/// <summary>
/// Scores the server's cases against the ground truth. A case belongs to a fault when it names one of the fault's
/// devices (a <c>fleet</c> case belongs to a storm; any case whose outage began inside a broker gap belongs to that gap),
/// opened after the fault began, and its outage began before the fault ended; a degraded link is answered only by a
/// <c>degraded_connectivity</c> case. Cases of the run's window that belong to
/// no fault are false cases; unrelated cases opened after the run ended (devices that stopped with it) are counted apart.
/// </summary>
internal static class DetectionScorer
{
    private const string DegradedConnectivity = "degraded_connectivity";

    public static VerificationReport Score(IReadOnlyList<TruthRecord> truth, IReadOnlyList<ServerCase> cases)
    {
        var runs = truth.Where(t => t.Scenario == Scenarios.Run).ToArray();
        var faults = truth.Where(t => t.Scenario is not Scenarios.Run and not Scenarios.CustomerCalls).ToArray();
        var calls = truth.Where(t => t.Scenario == Scenarios.CustomerCalls).ToArray();
        var runStart = truth.Select(t => t.RunStartedAt).Where(t => t is not null).DefaultIfEmpty(null).Min();
        DateTimeOffset? runEnd = runs.Length == 0 ? null : runs.Max(r => r.End);
        var notes = new List<string>();
        if (runs.Length == 0)
        {
            notes.Add("the truth file has no 'run' line (the run did not finish): every case after its start is judged");
        }

        var inWindow = cases.Where(c => runStart is null || c.OpenedAt >= runStart).ToArray();
        var related = new Dictionary<TruthRecord, ServerCase[]>();
        foreach (var fault in faults.Where(f => f.Scenario != Scenarios.BrokerRestart))
        {
            related[fault] = inWindow.Where(c => Belongs(c, fault)).ToArray();
        }

        var claimed = related.Values.SelectMany(c => c).Select(c => c.Id).ToHashSet();
        foreach (var gap in faults.Where(f => f.Scenario == Scenarios.BrokerRestart))
        {
            related[gap] = inWindow.Where(c => c.Tenant == gap.Tenant && !claimed.Contains(c.Id)
                && c.OutageStartedAt >= gap.Start && (gap.End is null || c.OutageStartedAt <= gap.End)).ToArray();
        }

        claimed.UnionWith(related.Values.SelectMany(c => c).Select(c => c.Id));
        var unrelated = inWindow.Where(c => !claimed.Contains(c.Id)).ToArray();
        var falseCases = unrelated.Where(c => runEnd is null || c.OpenedAt <= runEnd).ToArray();
        var outcomes = faults.Select(f => Outcome(f, related[f])).ToArray();
        var figures = faults.Select(f => f.Scenario).Distinct()
            .Select(s => Figures(s, outcomes.Where(o => o.Scenario == s).ToArray(), related, calls))
            .ToArray();
        if (calls.Any(c => c.Delivered == false))
        {
            notes.Add($"{calls.Count(c => c.Delivered == false)} customer call(s) were not taken by the server ({calls.First(c => c.Delivered == false).Note}); "
                + "the detected-before-call share is computed from the truth file's call times");
        }

        return new VerificationReport(runStart, runEnd, cases.Count, figures, falseCases.Length, falseCases.Select(c => c.Id).ToArray(),
            KindCounts(falseCases), unrelated.Length - falseCases.Length, outcomes, notes);
    }

    private static bool Belongs(ServerCase c, TruthRecord fault)
    {
        if (c.Tenant != fault.Tenant || (fault.Start is { } start && c.OpenedAt < start)
            || (fault.End is { } end && c.OutageStartedAt > end))
        {
            return false;
        }

        // A degraded device never went down during the run: only a degradation case answers it (an offline case for it
        // comes from the run's end).
        if (fault.Scenario == Scenarios.DegradedLink && c.Kind != DegradedConnectivity)
        {
            return false;
        }

        return (fault.Scenario == Scenarios.Storm && c.Subject.Type == "fleet") || c.Devices.Any(fault.Devices.Contains);
    }

    private static FaultOutcome Outcome(TruthRecord fault, ServerCase[] cases)
    {
        var affected = fault.Devices.ToHashSet();
        var covering = cases.Where(c => (fault.Scenario == Scenarios.Storm && c.Subject.Type == "fleet")
            || (affected.Count > 0 && affected.IsSubsetOf(c.Devices))).OrderBy(c => c.OpenedAt).FirstOrDefault();
        var first = cases.OrderBy(c => c.OpenedAt).FirstOrDefault();
        var inCases = affected.Count == 0 ? 0 : affected.Count(d => cases.Any(c => c.Devices.Contains(d))) / (double)affected.Count;
        return new FaultOutcome(fault.Scenario, fault.Tenant, fault.Subject, affected.Count, fault.Start, covering is not null,
            Latency(fault, covering), Latency(fault, first), inCases, cases.Select(c => c.Id).ToArray(), KindCounts(cases));
    }

    private static ScenarioFigures Figures(string scenario, FaultOutcome[] outcomes, Dictionary<TruthRecord, ServerCase[]> related, TruthRecord[] calls)
    {
        var detection = outcomes.Select(o => o.DetectionLatencySeconds).OfType<double>().ToArray();
        var firstCase = outcomes.Select(o => o.FirstCaseLatencySeconds).OfType<double>().ToArray();
        var caused = calls.Where(c => c.Cause == scenario).ToArray();
        var before = caused.Count(call => DetectedBeforeCall(call, related));
        var isGap = scenario == Scenarios.BrokerRestart;
        return new ScenarioFigures(scenario, outcomes.Length,
            isGap ? 0 : outcomes.Count(o => o.Detected),
            isGap ? 0 : outcomes.Count(o => o.Cases.Count == 0),
            Percentiles.Of(detection, 50), Percentiles.Of(detection, 99), Percentiles.Of(firstCase, 50), Percentiles.Of(firstCase, 99),
            outcomes.Length == 0 ? null : outcomes.Average(o => o.Cases.Count),
            outcomes.Select(o => o.Cases.Count).DefaultIfEmpty(0).Max(),
            isGap || outcomes.Length == 0 ? null : outcomes.Average(o => o.DevicesInCasesShare),
            outcomes.SelectMany(o => o.CaseKinds).GroupBy(k => k.Key).ToDictionary(g => g.Key, g => g.Sum(k => k.Value)),
            caused.Length, caused.Count(c => c.Delivered == true), caused.Length == 0 ? null : before / (double)caused.Length);
    }

    /// <summary>A call was answered in advance when a case of its fault naming its device opened no later than the call.</summary>
    private static bool DetectedBeforeCall(TruthRecord call, Dictionary<TruthRecord, ServerCase[]> related)
    {
        var device = call.Devices.FirstOrDefault() ?? call.Subject.Id;
        var fault = related.Keys.FirstOrDefault(f => f.Scenario == call.Cause && f.Tenant == call.Tenant && f.Start == call.Start && f.Devices.Contains(device));
        return fault is not null && call.At is { } at
            && related[fault].Any(c => (c.Devices.Contains(device) || c.Subject.Type == "fleet") && c.OpenedAt <= at);
    }

    private static double? Latency(TruthRecord fault, ServerCase? c) =>
        c is null || fault.Start is null ? null : Math.Round((c.OpenedAt - fault.Start.Value).TotalSeconds, 3);

    private static IReadOnlyDictionary<string, int> KindCounts(IEnumerable<ServerCase> cases) =>
        cases.GroupBy(c => c.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
}
