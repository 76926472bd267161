using System.Diagnostics;
using Microsoft.Extensions.Options;
using Monitoring.Cases;
using Monitoring.Core.Cases;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;
using Monitoring.Core.Maintenance;
using Monitoring.Core.Stores;

namespace Monitoring.Detection;

/// <summary>
/// One detection pass: marks silent devices offline in the live fleet, makes them durable, then lets the case rules
/// decide over the fleet and the current cases, and applies what they decided.
/// </summary>
public sealed class DetectionRunner
{
    private static readonly TimeSpan RecentlyResolved = TimeSpan.FromDays(1);
    private readonly LiveFleet _fleet;
    private readonly MonitorSight _sight;
    private readonly IDeviceJournal _journal;
    private readonly ICaseStore _cases;
    private readonly CaseLifecycle _lifecycle;
    private readonly DetectionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ReachabilitySweep _sweep;
    private readonly CaseRules _rules;
    private readonly LinkQualityWatch _links;
    private readonly CasePlaybook _playbook;
    private readonly IMaintenanceStore _maintenance;
    private readonly CaseEnrichment _enrichment;

    public DetectionRunner(
        LiveFleet fleet, MonitorSight sight, IDeviceJournal journal, ICaseStore cases, CaseLifecycle lifecycle,
        DetectionMetrics metrics, TimeProvider time, IOptions<DetectionOptions> options, LinkQualityWatch links, CasePlaybook playbook,
        IMaintenanceStore maintenance, CaseEnrichment enrichment)
    {
        _maintenance = maintenance;
        _enrichment = enrichment;
        _links = links;
        _playbook = playbook;
        _fleet = fleet;
        _sight = sight;
        _journal = journal;
        _cases = cases;
        _lifecycle = lifecycle;
        _metrics = metrics;
        _time = time;
        _sweep = new ReachabilitySweep(options.Value);
        _rules = new CaseRules(options.Value);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        // A heartbeat that arrives meanwhile wins: the sweep swaps records only if nothing changed them.
        foreach (var change in _sweep.Apply(_fleet, now, _sight))
        {
            _journal.Record(change);
            if (change.Device.DownCause == DownCause.Silence)
            {
                _metrics.JudgedLate(now - (change.Device.StateSince ?? now));
            }
        }

        await _journal.FlushAsync(cancellationToken);
        var current = await _cases.LoadCurrentAsync(now - RecentlyResolved, cancellationToken);
        var windows = await _maintenance.InEffectSinceAsync(now - RecentlyResolved, cancellationToken);
        var context = new CaseContext
        {
            Links = _links,
            Playbook = _playbook.Current,
            EscalateAfter = _playbook.EscalateAfter,
            Maintenance = new MaintenanceCalendar(windows),
        };
        CaseDecisions decisions = _rules.Evaluate(_fleet, current, now, context);
        await _enrichment.EnrichAsync(decisions, cancellationToken);
        await _lifecycle.ApplyAsync(decisions, cancellationToken);
        _metrics.PassTook(Stopwatch.GetElapsedTime(started));
    }
}
