using Spectre.Console;

namespace Monitoring.Simulator;

/// <summary>
/// The run's live progress: a Spectre.Console table redrawn in place on a terminal, or one plain line every few
/// seconds when the output is redirected (a log, a test harness). Events are printed as they happen.
/// </summary>
internal sealed class ProgressBoard(SyntheticFleet fleet, SessionPool sessions, RunCounters counters, BrokerGaps gaps, TimeProvider time,
    TimeSpan every, TextWriter output)
{
    private const int EventsShown = 8;
    private readonly Queue<string> _events = new();
    private readonly bool _live = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
    private DateTimeOffset _started;
    private long _sentBefore;
    private DateTimeOffset _lastAt;

    public void Event(string text)
    {
        var line = $"{time.GetUtcNow():HH:mm:ss} {text}";
        if (_live)
        {
            lock (_events)
            {
                _events.Enqueue(line);
                while (_events.Count > EventsShown)
                {
                    _events.Dequeue();
                }
            }
        }
        else
        {
            lock (output)
            {
                output.WriteLine(line);
            }
        }
    }

    public async Task ShowAsync(Task run, CancellationToken cancellationToken)
    {
        _started = _lastAt = time.GetUtcNow();
        if (_live)
        {
            await AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async context =>
            {
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(every, time, CancellationToken.None));
                    context.UpdateTarget(Render());
                }
            });
            return;
        }

        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(every, time, CancellationToken.None));
            lock (output)
            {
                output.WriteLine(Line());
            }
        }
    }

    /// <summary>The figures of the moment, in one line.</summary>
    public string Line()
    {
        var (elapsed, rate) = Rate();
        return $"t+{elapsed:hh\\:mm\\:ss} connections {sessions.Connected}/{sessions.Count} up, heartbeats sent {counters.Sent} ({rate:0.0}/s), "
            + $"failed {counters.Failed}, skipped {counters.Skipped}, silenced {fleet.Publishers.Count(p => p.Silenced)}/{fleet.Publishers.Count} publishers, "
            + $"faults {counters.Faults}, calls {counters.CallsMade} made {counters.CallsPending} pending, broker gaps {gaps.Count}{(gaps.IsOpen ? " (one open)" : "")}";
    }

    private (TimeSpan Elapsed, double Rate) Rate()
    {
        var now = time.GetUtcNow();
        var sent = counters.Sent;
        var seconds = (now - _lastAt).TotalSeconds;
        var rate = seconds > 0 ? (sent - _sentBefore) / seconds : 0;
        _sentBefore = sent;
        _lastAt = now;
        return (now - _started, rate);
    }

    private Table Render()
    {
        var (elapsed, rate) = Rate();
        var table = new Table().Border(TableBorder.Rounded).Title("fleet run").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("elapsed", $"{elapsed:hh\\:mm\\:ss}");
        table.AddRow("connections up", $"{sessions.Connected}/{sessions.Count}");
        table.AddRow("heartbeats sent", $"{counters.Sent} ({rate:0.0}/s)");
        table.AddRow("failed · skipped (no connection)", $"{counters.Failed} · {counters.Skipped}");
        table.AddRow("silenced publishers", $"{fleet.Publishers.Count(p => p.Silenced)}/{fleet.Publishers.Count}");
        table.AddRow("faults injected", $"{counters.Faults}");
        table.AddRow("customer calls made · pending", $"{counters.CallsMade} · {counters.CallsPending}");
        table.AddRow("broker gaps", $"{gaps.Count}{(gaps.IsOpen ? " (one open)" : "")}");
        lock (_events)
        {
            foreach (var line in _events)
            {
                table.AddRow(new Markup("[grey]event[/]"), new Text(line).LeftJustified());
            }
        }

        return table;
    }
}
