namespace Monitoring.Simulator;

/// <summary>What <c>verify</c> found: figures per scenario, cases that match no fault, and every fault's outcome.</summary>
internal sealed record VerificationReport(
    DateTimeOffset? RunStartedAt,
    DateTimeOffset? RunEndedAt,
    int CasesRead,
    IReadOnlyList<ScenarioFigures> Scenarios,
    int FalseCases,
    IReadOnlyList<string> FalseCaseIds,
    IReadOnlyDictionary<string, int> FalseCaseKinds,
    int UnrelatedCasesAfterRun,
    IReadOnlyList<FaultOutcome> Faults,
    IReadOnlyList<string> Notes);
