using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// The case rules of a detection pass (CONTRACT §2): one case per real problem. Per tenant, in order: the storm guard
/// (the monitor's own blind spot holds everything else), site outages, cohort outages, gateways with the devices behind
/// them, flapping, then single devices. Correlation is decided before any member's own case would open; a member's case
/// that opened earlier is folded into the larger case. Active cases follow their devices and resolve themselves.
/// </summary>
public sealed class CaseRules
{
    private readonly DetectionOptions _options;
    private readonly OfflineDetector _detector;
    private readonly StormGuard _storm;
    private readonly CaseFollowUp _followUp;

    public CaseRules(DetectionOptions options)
    {
        _options = options;
        _detector = new OfflineDetector(options);
        _storm = new StormGuard(options, _detector);
        _followUp = new CaseFollowUp(options, _storm, new DegradedThresholds(options).Of);
    }

    /// <param name="fleet">Every device's latest record.</param>
    /// <param name="cases">The active cases, and recently resolved ones (so an outage closed by hand is not opened again).</param>
    public CaseDecisions Evaluate(LiveFleet fleet, IReadOnlyCollection<SupportCase> cases, DateTimeOffset now, CaseContext? context = null)
    {
        context ??= CaseContext.None;
        var ledger = new CaseLedger(cases);
        var pictures = TenantPicture.Of(fleet.Due(now), _detector, _options, context.Maintenance, now);
        var links = context.Links?.Judge(now).ToDictionary(v => v.Device) ?? [];
        foreach (var verdict in links.Values)
        {
            if (!pictures.ContainsKey(verdict.Device.Tenant))
            {
                pictures[verdict.Device.Tenant] = new TenantPicture(verdict.Device.Tenant);
            }
        }

        // Incidents first: one that ends in this pass no longer holds its tenant.
        foreach (var incident in cases.Where(c => c.IsActive && c.Kind == CaseKind.FleetIncident))
        {
            if (_followUp.Of(incident, fleet, links, now) is { } followed)
            {
                ledger.Change(followed);
            }
        }

        foreach (var picture in pictures.Values)
        {
            new TenantCasePass(_options, _detector, _storm, fleet, picture, ledger, context, links, now).Run();
        }

        foreach (var active in cases)
        {
            if (!active.IsActive || active.Kind == CaseKind.FleetIncident)
            {
                continue;
            }

            var current = ledger.Latest(active);
            if (current.IsActive && _followUp.Of(current, fleet, links, now) is { } followed)
            {
                ledger.Change(followed);
                current = followed;
            }

            if (context.EscalateAfter is { } after && CaseFollowUp.Escalated(current, after, now) is { } escalated)
            {
                ledger.Change(escalated);
            }
        }

        return ledger.Decisions();
    }
}
