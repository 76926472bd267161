namespace Monitoring.Simulator;

/// <summary>
/// The <c>customer_calls</c> scenario: for every device another fault affected, its customer calls support 10 to 30
/// minutes (times the time scale) after the fault, and the call is reported to the server and written to the truth file.
/// </summary>
internal sealed class CustomerCalls(ContactsClient? contacts, TruthLog truth, RunCounters counters, TimeProvider time,
    double timeScale, Random random, Action<string> report)
{
    private readonly List<Task> _calls = [];
    private readonly SemaphoreSlim _lines = new(8);
    private int _undelivered;

    public void Plan(TruthRecord fault, IReadOnlyList<FleetDevice> affected, CancellationToken cancellationToken)
    {
        foreach (var device in affected)
        {
            var delay = TimeSpan.FromMinutes(10 + 20 * random.NextDouble()) * timeScale;
            counters.CallPlanned();
            lock (_calls)
            {
                _calls.Add(CallAsync(fault, device, delay, cancellationToken));
            }
        }
    }

    /// <summary>Calls still to come when the run ends are not made.</summary>
    public async Task<int> StopAsync()
    {
        Task[] calls;
        lock (_calls)
        {
            calls = [.. _calls];
        }

        await Task.WhenAll(calls);
        if (_undelivered > 0)
        {
            report($"customer_calls: {_undelivered} call(s) were not taken by the server (see the truth file's notes)");
        }

        return (int)counters.CallsPending;
    }

    private async Task CallAsync(TruthRecord fault, FleetDevice device, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            await _lines.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var at = time.GetUtcNow();
            var customer = device.Site.Customer.Id;
            var problem = contacts is null ? "no --api given: the call was not reported"
                : await contacts.RecordAsync(device.Tenant, customer, device.Id, at, CancellationToken.None);
            if (problem is not null)
            {
                Interlocked.Increment(ref _undelivered);
            }

            truth.Write(new TruthRecord
            {
                Scenario = Scenarios.CustomerCalls,
                Tenant = device.Tenant,
                Subject = new FaultSubject("device", device.Id),
                Devices = [device.Id],
                Start = fault.Start,
                RunStartedAt = fault.RunStartedAt,
                At = at,
                Customer = customer,
                Cause = fault.Scenario,
                Delivered = problem is null,
                Note = problem,
            });
            counters.CallMade();
        }
        finally
        {
            _lines.Release();
        }
    }
}
