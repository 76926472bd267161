namespace Monitoring.Simulator;

/// <summary>One fault to inject <paramref name="At"/> after the run started.</summary>
internal sealed record FaultPlan(string Scenario, TimeSpan At);
