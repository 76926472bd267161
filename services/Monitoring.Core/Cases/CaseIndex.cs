using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// The current cases as the rules look them up: the active case of each subject (a device and a gateway of one id are
/// one subject), the active group case covering each device, each tenant's open fleet incident, and the outages that
/// already had a case (so an outage closed by hand is not opened again).
/// </summary>
internal sealed class CaseIndex
{
    private readonly Dictionary<(string Tenant, string Type, string Id), SupportCase> _active = [];
    private readonly Dictionary<DeviceKey, SupportCase> _covering = [];
    private readonly Dictionary<string, SupportCase> _incidents = new(StringComparer.Ordinal);
    private readonly HashSet<(string Tenant, string Subject, long OutageStartedAtMs)> _outages = [];

    public CaseIndex(IEnumerable<SupportCase> cases)
    {
        foreach (var c in cases)
        {
            _outages.Add((c.Tenant, c.Subject.Id, c.OutageStartedAt.ToUnixTimeMilliseconds()));
            if (c.IsActive)
            {
                Track(c);
            }
        }
    }

    public static bool IsGroup(string kind) => kind is CaseKind.GatewayOffline or CaseKind.SiteOutage or CaseKind.CohortOutage or CaseKind.FleetIncident;

    public SupportCase? ActiveFor(string tenant, CaseSubject subject) => _active.GetValueOrDefault(Key(tenant, subject));

    public SupportCase? ActiveFor(DeviceRecord device) =>
        _active.GetValueOrDefault((device.Tenant, CaseSubject.Device, device.Id));

    /// <summary>The active gateway, site, cohort or fleet case that lists the device, if any.</summary>
    public SupportCase? CoveringGroup(DeviceKey device) => _covering.GetValueOrDefault(device);

    public SupportCase? IncidentOf(string tenant) => _incidents.GetValueOrDefault(tenant);

    /// <remarks>Compared to the millisecond: stored cases keep times to the millisecond, the live fleet finer.</remarks>
    public bool HadCase(string tenant, string subject, DateTimeOffset outageStartedAt) => _outages.Contains((tenant, subject, outageStartedAt.ToUnixTimeMilliseconds()));

    /// <summary>Takes a case opened or changed in this pass into account.</summary>
    public void Track(SupportCase c)
    {
        var key = Key(c.Tenant, c.Subject);
        if (!c.IsActive)
        {
            _active.Remove(key);
            if (c.Kind == CaseKind.FleetIncident)
            {
                _incidents.Remove(c.Tenant);
            }

            foreach (var id in c.Devices)
            {
                var device = new DeviceKey(c.Tenant, id);
                if (_covering.TryGetValue(device, out var covering) && covering.Id == c.Id)
                {
                    _covering.Remove(device);
                }
            }

            return;
        }

        _active[key] = c;
        _outages.Add((c.Tenant, c.Subject.Id, c.OutageStartedAt.ToUnixTimeMilliseconds()));
        if (c.Kind == CaseKind.FleetIncident)
        {
            _incidents[c.Tenant] = c;
            return;
        }

        if (IsGroup(c.Kind))
        {
            foreach (var id in c.Devices)
            {
                _covering[new DeviceKey(c.Tenant, id)] = c;
            }
        }
    }

    private static (string, string, string) Key(string tenant, CaseSubject subject) =>
        (tenant, subject.Type is CaseSubject.Gateway ? CaseSubject.Device : subject.Type, subject.Id);
}
