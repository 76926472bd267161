namespace Monitoring.Simulator;

/// <summary>
/// Whom a fault hits: the publishers it silences, the children their gateways report down, and every device affected
/// (a silenced gateway's children included).
/// </summary>
internal sealed record FaultTarget(string Tenant, FaultSubject Subject, IReadOnlyList<FleetDevice> Publishers, IReadOnlyList<FleetDevice> ChildrenDown)
{
    public IReadOnlyList<FleetDevice> Affected { get; } =
        Publishers.SelectMany(p => p.WithChildren()).Concat(ChildrenDown).Distinct().ToArray();
}
