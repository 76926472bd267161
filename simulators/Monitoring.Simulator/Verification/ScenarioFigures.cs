namespace Monitoring.Simulator;

/// <summary>The verify figures of one scenario over all its faults.</summary>
internal sealed record ScenarioFigures(
    string Scenario,
    int Faults,
    int Detected,
    int Missed,
    double? DetectionLatencyP50Seconds,
    double? DetectionLatencyP99Seconds,
    double? FirstCaseLatencyP50Seconds,
    double? FirstCaseLatencyP99Seconds,
    double? CasesPerRootCause,
    int MaxCasesPerRootCause,
    double? DevicesInCasesShare,
    IReadOnlyDictionary<string, int> CaseKinds,
    int Calls,
    int CallsDelivered,
    double? DetectedBeforeCallShare);
