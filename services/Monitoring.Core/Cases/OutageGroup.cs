using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// Devices that are down together for one reason: a gateway with the children behind it, a whole site, or a model and
/// firmware cohort. <see cref="HoldsSince"/> is when the condition began to hold (the last member went down); the case
/// opens once it has held for ConfirmAfter. <see cref="Forming"/> groups do not hold yet, but may at the next pass:
/// their members' own cases wait.
/// </summary>
public sealed record OutageGroup(
    string Kind,
    CaseSubject Subject,
    string Tenant,
    IReadOnlyList<DeviceRecord> Devices,
    DateTimeOffset OutageStartedAt,
    DateTimeOffset HoldsSince,
    bool Forming = false)
{
    public string? Site => Devices.Count > 0 && Devices.All(d => d.Site == Devices[0].Site) ? Devices[0].Site : null;

    public string? Customer => Devices.Count > 0 && Devices.All(d => d.Customer == Devices[0].Customer) ? Devices[0].Customer : null;
}
