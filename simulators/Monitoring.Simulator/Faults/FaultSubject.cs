namespace Monitoring.Simulator;

/// <summary>What a fault hit: a <c>device</c>, <c>gateway</c>, <c>site</c>, <c>cohort</c> (<c>{model}/{fw}</c>), <c>fleet</c> or <c>broker</c>.</summary>
internal sealed record FaultSubject(string Type, string Id);
