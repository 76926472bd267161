namespace Monitoring.Simulator;

/// <summary>
/// Injects the planned faults at their times, ends them when <c>--restore-after</c> says so, and writes one truth line
/// per fault: when it ends, or at the end of the run for a fault still going on.
/// </summary>
internal sealed class FaultInjector(SyntheticFleet fleet, SessionPool sessions, BrokerGaps gaps, TruthLog truth, RunCounters counters,
    CustomerCalls? calls, TimeProvider time, RunSettings settings, Action<string> report)
{
    // Long enough for the acknowledgement of a heartbeat already in flight to arrive before the fault's start is read.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private const int FlapCycles = 3;

    private readonly FaultTargets _targets = new(fleet, new Random(settings.Fleet.Seed ^ 0xFA017));
    private readonly List<TruthRecord> _open = [];
    private DateTimeOffset _runStartedAt;

    public async Task RunAsync(DateTimeOffset runStartedAt, CancellationToken cancellationToken)
    {
        _runStartedAt = runStartedAt;
        if (settings.Faults.Any(f => f.Scenario == Scenarios.BrokerRestart))
        {
            gaps.Closed += (before, after) => Write(new TruthRecord
            {
                Scenario = Scenarios.BrokerRestart, Tenant = fleet.Tenants[0], Subject = new FaultSubject("broker", $"{settings.Host}:{settings.Port}"),
                Start = before, End = after, RunStartedAt = _runStartedAt,
                Note = "devices is empty: every device of the fleet lost the broker; the monitor should open no case for this gap",
            });
        }

        await Task.WhenAll(settings.Faults.Where(f => f.Scenario != Scenarios.CustomerCalls)
            .Select(f => InjectAsync(f, runStartedAt + f.At, cancellationToken)));
    }

    /// <summary>Writes the faults that had not ended when the run stopped, with no end.</summary>
    public void Flush()
    {
        lock (_open)
        {
            foreach (var record in _open)
            {
                truth.Write(record);
            }

            _open.Clear();
        }
    }

    private async Task InjectAsync(FaultPlan plan, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Max(at - time.GetUtcNow()), time, cancellationToken);
            if (plan.Scenario == Scenarios.BrokerRestart)
            {
                report($"broker_restart: restart the broker now ({settings.Host}:{settings.Port}); the simulator reconnects and records the gap");
                return;
            }

            var target = _targets.Pick(plan.Scenario);
            if (target is null)
            {
                report($"{plan.Scenario}: the fleet has no subject left for it; nothing injected");
                return;
            }

            counters.CountFault();
            if (plan.Scenario == Scenarios.Flapping)
            {
                await FlapAsync(target, cancellationToken);
                return;
            }

            var record = plan.Scenario == Scenarios.DegradedLink ? Degrade(target) : await SilenceAsync(plan.Scenario, target, cancellationToken);
            calls?.Plan(record, target.Affected, cancellationToken);
            if (settings.RestoreAfter is { } restoreAfter && plan.Scenario != Scenarios.DegradedLink)
            {
                await Task.Delay(restoreAfter, time, cancellationToken);
                await RestoreAsync(target, cancellationToken);
                Close(record, time.GetUtcNow());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<TruthRecord> SilenceAsync(string scenario, FaultTarget target, CancellationToken cancellationToken)
    {
        var injectedAt = await TakeDownAsync(target, cancellationToken);
        var record = new TruthRecord
        {
            Scenario = scenario, Tenant = target.Tenant, Subject = target.Subject, Devices = target.Affected.Select(d => d.Id).ToArray(),
            Start = LastHeartbeat(target, injectedAt), InjectedAt = injectedAt, RunStartedAt = _runStartedAt,
        };
        Open(record);
        report($"{scenario}: {target.Subject.Type} {target.Subject.Id} down, {target.Affected.Count} device(s) affected, last heartbeat {record.Start:HH:mm:ss.fff}");
        return record;
    }

    private TruthRecord Degrade(FaultTarget target)
    {
        var device = target.Publishers[0];
        var injectedAt = time.GetUtcNow();
        device.Link.Degrade();
        var record = new TruthRecord
        {
            Scenario = Scenarios.DegradedLink, Tenant = target.Tenant, Subject = target.Subject, Devices = [device.Id],
            Start = device.LastSentAt ?? injectedAt, InjectedAt = injectedAt, RunStartedAt = _runStartedAt,
            Note = "rssi, loss and latency walk toward -90 dBm, 9 % and 480 ms over the next heartbeats; the device stays online",
        };
        Open(record);
        report($"degraded_link: device {device.Id} walks into the bad range");
        return record;
    }

    private async Task FlapAsync(FaultTarget target, CancellationToken cancellationToken)
    {
        // Down long enough to be judged offline by silence (3 missed heartbeats) even without a Last Will, up for 2 heartbeats.
        var device = target.Publishers[0];
        var down = device.Interval * 4;
        var up = device.Interval * 2.5;
        TruthRecord? record = null;
        for (var cycle = 0; cycle < FlapCycles; cycle++)
        {
            var injectedAt = await TakeDownAsync(target, cancellationToken);
            if (record is null)
            {
                record = new TruthRecord
                {
                    Scenario = Scenarios.Flapping, Tenant = target.Tenant, Subject = target.Subject, Devices = [device.Id],
                    Start = LastHeartbeat(target, injectedAt), InjectedAt = injectedAt, RunStartedAt = _runStartedAt,
                    Note = $"{FlapCycles} drops of {down.TotalSeconds:0} s, each followed by {up.TotalSeconds:0} s up",
                };
                Open(record);
                calls?.Plan(record, target.Affected, cancellationToken);
                report($"flapping: device {device.Id} starts dropping {FlapCycles} times");
            }

            await Task.Delay(down - Settle, time, cancellationToken);
            await RestoreAsync(target, cancellationToken);
            if (cycle < FlapCycles - 1)
            {
                await Task.Delay(up, time, cancellationToken);
            }
        }

        Close(record!, time.GetUtcNow());
    }

    private async Task<DateTimeOffset> TakeDownAsync(FaultTarget target, CancellationToken cancellationToken)
    {
        var injectedAt = time.GetUtcNow();
        foreach (var child in target.ChildrenDown)
        {
            child.ReportedDown = true;
        }

        foreach (var publisher in target.Publishers)
        {
            publisher.Silenced = true;
        }

        await Task.WhenAll(target.Publishers.Select(p => sessions.SilenceAsync(p, cancellationToken)));
        await Task.Delay(Settle, time, cancellationToken);
        return injectedAt;
    }

    private async Task RestoreAsync(FaultTarget target, CancellationToken cancellationToken)
    {
        foreach (var child in target.ChildrenDown)
        {
            child.ReportedDown = false;
        }

        foreach (var publisher in target.Publishers)
        {
            publisher.Silenced = false;
        }

        await Task.WhenAll(target.Publishers.Select(p => sessions.RestoreAsync(p, cancellationToken)));
    }

    private static DateTimeOffset LastHeartbeat(FaultTarget target, DateTimeOffset injectedAt) =>
        target.Affected.Select(d => d.LastSentAt).Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(injectedAt).Min();

    private void Open(TruthRecord record)
    {
        lock (_open)
        {
            _open.Add(record);
        }
    }

    private void Close(TruthRecord record, DateTimeOffset end)
    {
        lock (_open)
        {
            _open.Remove(record);
        }

        Write(record with { End = end });
        report($"{record.Scenario}: {record.Subject.Type} {record.Subject.Id} restored");
    }

    private void Write(TruthRecord record) => truth.Write(record);

    private static TimeSpan Max(TimeSpan wait) => wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
}
