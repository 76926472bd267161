namespace Monitoring.Simulator;

/// <summary>
/// One <c>run</c>: connects the fleet, publishes its heartbeats for the duration, injects the planned faults, shows
/// progress and writes the ground truth.
/// </summary>
internal sealed class FleetRun(RunSettings settings, TextWriter output)
{
    private readonly TimeProvider _time = TimeProvider.System;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var fleet = new FleetBuilder(settings.Fleet).Build();
        output.WriteLine(fleet.Describe());
        if (settings.Api is not null)
        {
            var registered = await ChildRegistration.RegisterAsync(settings.Api, settings.Key, fleet.Devices, cancellationToken);
            output.WriteLine($"registered {registered} device(s) behind gateways through {settings.Api} (model, firmware, site, customer)");
        }

        var counters = new RunCounters();
        var gaps = new BrokerGaps(_time);
        await using var sessions = new SessionPool(settings, fleet, gaps);
        var board = new ProgressBoard(fleet, sessions, counters, gaps, _time, settings.ProgressEvery, output);

        var connected = await sessions.ConnectAsync(cancellationToken);
        output.WriteLine($"connected {connected} of {sessions.Count} MQTT connection(s) to {settings.Host}:{settings.Port} ({settings.Mode.ToString().ToLowerInvariant()} mode)");
        if (connected == 0)
        {
            output.WriteLine("no connection to the broker: nothing to run");
            return 1;
        }

        using var truth = new TruthLog(settings.TruthPath);
        using var contacts = settings.Api is null ? null : new ContactsClient(settings.Api, settings.Key);
        var calls = settings.Faults.Any(f => f.Scenario == Scenarios.CustomerCalls)
            ? new CustomerCalls(contacts, truth, counters, _time, settings.TimeScale, new Random(settings.Fleet.Seed ^ 0xCA11), board.Event)
            : null;
        var injector = new FaultInjector(fleet, sessions, gaps, truth, counters, calls, _time, settings, board.Event);

        using var end = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        end.CancelAfter(settings.Duration);
        var startedAt = _time.GetUtcNow();
        var run = Task.WhenAll(
            new HeartbeatScheduler(fleet, sessions, counters, gaps, _time, settings.Fleet).RunAsync(end.Token),
            sessions.SuperviseAsync(_time, end.Token),
            injector.RunAsync(startedAt, end.Token));
        await board.ShowAsync(run, cancellationToken);
        await run;

        var pendingCalls = calls is null ? 0 : await calls.StopAsync();
        injector.Flush();
        truth.Write(new TruthRecord
        {
            Scenario = Scenarios.Run, Tenant = fleet.Tenants[0], Subject = new FaultSubject("fleet", settings.Fleet.Tenant),
            Start = startedAt, End = _time.GetUtcNow(), RunStartedAt = startedAt, Tenants = fleet.Tenants,
            Note = $"seed {settings.Fleet.Seed}, {fleet.Devices.Count} devices, {settings.Mode.ToString().ToLowerInvariant()} mode"
                + (pendingCalls > 0 ? $"; {pendingCalls} customer call(s) were still to come when the run ended and were not made" : ""),
        });
        output.WriteLine(board.Line());
        output.WriteLine($"run ended: {counters.Sent} heartbeats sent, {counters.Faults} fault(s) injected, {truth.Written} truth line(s) in {settings.TruthPath}");
        return 0;
    }
}
