namespace Monitoring.Simulator;

/// <summary>What one <c>run</c> simulates, where it publishes, which faults it injects and where it records them.</summary>
internal sealed record RunSettings(
    FleetSettings Fleet,
    string Host,
    int Port,
    RunMode Mode,
    int Connections,
    TimeSpan Duration,
    TimeSpan ProgressEvery,
    IReadOnlyList<FaultPlan> Faults,
    TimeSpan? RestoreAfter,
    string TruthPath,
    double TimeScale,
    Uri? Api,
    string? Key);
