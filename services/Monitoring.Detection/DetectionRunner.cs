using System.Diagnostics;
using Microsoft.Extensions.Options;
using Monitoring.Cases;
using Monitoring.Core.Cases;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;
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
    private readonly SilenceSweep _sweep;
    private readonly DeviceCaseRules _rules;

    public DetectionRunner(
        LiveFleet fleet, MonitorSight sight, IDeviceJournal journal, ICaseStore cases, CaseLifecycle lifecycle,
        DetectionMetrics metrics, TimeProvider time, IOptions<DetectionOptions> options)
    {
        _fleet = fleet;
        _sight = sight;
        _journal = journal;
        _cases = cases;
        _lifecycle = lifecycle;
        _metrics = metrics;
        _time = time;
        _sweep = new SilenceSweep(options.Value);
        _rules = new DeviceCaseRules(options.Value);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        foreach (var (before, change) in _sweep.Run(_fleet.Due(now), now, _sight))
        {
            // A heartbeat that arrived meanwhile wins: the device is not silent after all.
            if (_fleet.TryReplace(before, change.Device))
            {
                _journal.Record(change);
                _metrics.JudgedLate(now - (change.Device.StateSince ?? now));
            }
        }

        await _journal.FlushAsync(cancellationToken);
        var current = await _cases.LoadCurrentAsync(now - RecentlyResolved, cancellationToken);
        CaseDecisions decisions = _rules.Evaluate(_fleet, current, now);
        await _lifecycle.ApplyAsync(decisions, cancellationToken);
        _metrics.PassTook(Stopwatch.GetElapsedTime(started));
    }
}
