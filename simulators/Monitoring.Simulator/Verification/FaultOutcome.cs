namespace Monitoring.Simulator;

/// <summary>
/// How the server answered one injected fault. <see cref="Detected"/>: one case opened after the fault began lists every
/// affected device. <see cref="Cases"/>: every case the fault produced (its root cause) — the product promises one.
/// </summary>
internal sealed record FaultOutcome(
    string Scenario,
    string Tenant,
    FaultSubject Subject,
    int Devices,
    DateTimeOffset? Start,
    bool Detected,
    double? DetectionLatencySeconds,
    double? FirstCaseLatencySeconds,
    double DevicesInCasesShare,
    IReadOnlyList<string> Cases,
    IReadOnlyDictionary<string, int> CaseKinds);
