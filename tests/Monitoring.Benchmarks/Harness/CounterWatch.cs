using System.Diagnostics;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// Scrapes the server's ingestion counters every second while a load runs and keeps the readings with their times.
/// Not faster: every scrape of <c>/metrics</c> makes the server walk its whole fleet (FleetGauge), which at 100k devices
/// costs enough CPU to slow what is being measured.
/// </summary>
internal sealed class CounterWatch : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private readonly ServerUnderTest _server;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, double Received, double Rejected, double Cpu)> _readings = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CounterWatch(ServerUnderTest server, double baseReceived, double baseRejected)
    {
        _server = server;
        BaseReceived = baseReceived;
        BaseRejected = baseRejected;
        _loop = Task.Run(LoopAsync);
    }

    private TimeSpan _scrapeTotal;
    private int _scrapes;

    /// <summary>Mean time of a <c>/metrics</c> request during the run, and how many were made.</summary>
    public (double MeanMs, int Count) ScrapeCost
    {
        get
        {
            lock (_readings) return (_scrapes == 0 ? 0 : _scrapeTotal.TotalMilliseconds / _scrapes, _scrapes);
        }
    }

    public double BaseReceived { get; }
    public double BaseRejected { get; }

    public (TimeSpan At, double Received, double Rejected, double Cpu) Latest
    {
        get
        {
            lock (_readings) return _readings.Count == 0 ? (TimeSpan.Zero, BaseReceived, BaseRejected, 0) : _readings[^1];
        }
    }

    /// <summary>Waits until accepted + rejected reach <paramref name="target"/> more than the base, or stop moving for <paramref name="patience"/>.</summary>
    public async Task WaitForAsync(long target, TimeSpan patience)
    {
        var last = -1d;
        var progressAt = _clock.Elapsed;
        while (true)
        {
            var (_, received, rejected, _) = Latest;
            var taken = received - BaseReceived + rejected - BaseRejected;
            if (taken >= target) return;
            if (taken != last)
            {
                last = taken;
                progressAt = _clock.Elapsed;
            }
            else if (_clock.Elapsed - progressAt > patience)
            {
                return;
            }

            await Task.Delay(Every);
        }
    }

    /// <summary>
    /// The processing window: from the last reading still at the base (the first message arrived after it) to the first
    /// reading at the target. Both ends are bounded by the scrape period, so the window errs long by at most ~2 periods.
    /// </summary>
    public (TimeSpan Window, double CpuSeconds)? Window(long target)
    {
        lock (_readings)
        {
            var start = _readings.FindLastIndex(r => r.Received + r.Rejected <= BaseReceived + BaseRejected);
            var end = _readings.FindIndex(r => r.Received + r.Rejected - BaseReceived - BaseRejected >= target);
            if (start < 0 || end < 0 || end <= start) return null;
            return (_readings[end].At - _readings[start].At, _readings[end].Cpu - _readings[start].Cpu);
        }
    }

    /// <summary>
    /// The sustained rate between readings taken strictly inside the run (the first that moved and the last before the
    /// target): true counts at known times, so the scrape period does not bias it.
    /// </summary>
    public Interior? InteriorRate(long target)
    {
        lock (_readings)
        {
            var first = _readings.FindIndex(r => r.Received + r.Rejected > BaseReceived + BaseRejected);
            var last = _readings.FindLastIndex(r => r.Received + r.Rejected - BaseReceived - BaseRejected < target);
            if (first < 0 || last <= first) return null;
            var (a, b) = (_readings[first], _readings[last]);
            var messages = b.Received + b.Rejected - a.Received - a.Rejected;
            var seconds = (b.At - a.At).TotalSeconds;
            return new Interior(messages / seconds, (b.Cpu - a.Cpu) / messages * 1e6, (b.Cpu - a.Cpu) / seconds, messages);
        }
    }

    /// <summary>Rate, server CPU per message and cores used, between two scrapes strictly inside the run.</summary>
    public sealed record Interior(double Rate, double CpuMicrosPerMessage, double Cores, double Messages);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var sent = Stopwatch.GetTimestamp();
                var scrape = await _server.ScrapeAsync();
                var took = Stopwatch.GetElapsedTime(sent);
                lock (_readings)
                {
                    _scrapeTotal += took;
                    _scrapes++;
                }

                var cpu = ProcStats.TryRead(_server.Pid)?.CpuSeconds ?? 0;
                lock (_readings) _readings.Add((_clock.Elapsed, scrape.Sum(Prometheus.Received), scrape.Sum(Prometheus.Rejected), cpu));
            }
            catch (HttpRequestException)
            {
            }

            try
            {
                await Task.Delay(Every, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
