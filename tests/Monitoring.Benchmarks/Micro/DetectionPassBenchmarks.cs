using BenchmarkDotNet.Attributes;
using Monitoring.Core.Cases;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Benchmarks.Micro;

/// <summary>
/// The in-memory part of a detection pass over the live fleet: <see cref="ReachabilitySweep.Apply"/> then
/// <see cref="CaseRules.Evaluate"/>. The fleet is 99.8% healthy (30 s interval, heard within the last 30 s), 0.1% online
/// but past their silence deadline (the sweep turns them offline), 0.1% offline for a minute without a case (the rules open one).
/// The sweep's changes are undone after each invocation, so every invocation sees the same fleet.
/// </summary>
[MemoryDiagnoser]
public class DetectionPassBenchmarks
{
    private readonly DetectionOptions _options = new();
    private LiveFleet _fleet = new();
    private ReachabilitySweep? _sweep;
    private CaseRules? _rules;
    private DeviceRecord[] _silent = [];
    private MonitorSight? _sight;
    private DateTimeOffset _now;

    [Params(100_000, 1_000_000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _now = DateTimeOffset.UtcNow;
        _sight = new MonitorSight(_now.AddHours(-1));
        _sight.Connected(_now.AddHours(-1));
        _sweep = new ReachabilitySweep(_options);
        _rules = new CaseRules(_options);
        _fleet = new LiveFleet(_options);
        var random = new Random(7);
        for (var i = 0; i < Devices; i++)
        {
            var device = (i % 1000) switch
            {
                0 => SyntheticFleet.Device("sim", i, DeviceState.Online, _now.AddSeconds(-120), 30),
                1 => SyntheticFleet.Device("sim", i, DeviceState.Offline, _now.AddSeconds(-60), 30),
                _ => SyntheticFleet.Device("sim", i, DeviceState.Online, _now.AddSeconds(-random.Next(0, 30)), 30),
            };
            _fleet.Load(device);
        }

        _silent = [.. _fleet.Due(_now).Where(d => d.State == DeviceState.Online)];
    }

    [Benchmark(Description = "LiveFleet.Due (the devices a pass looks at)")]
    public int Due() => _fleet.Due(_now).Count;

    [Benchmark(Description = "ReachabilitySweep.Apply")]
    public int Sweep() => SweepAndUndo();

    [Benchmark(Description = "CaseRules.Evaluate (no active cases)")]
    public int Evaluate() => _rules!.Evaluate(_fleet, [], _now).Opened.Count;

    [Benchmark(Description = "Sweep + Evaluate (one pass, in memory)")]
    public int Pass()
    {
        var changes = _sweep!.Apply(_fleet, _now, _sight!);
        var opened = _rules!.Evaluate(_fleet, [], _now).Opened.Count;
        Undo();
        return changes.Count + opened;
    }

    private int SweepAndUndo()
    {
        var changes = _sweep!.Apply(_fleet, _now, _sight!).Count;
        Undo();
        return changes;
    }

    private void Undo()
    {
        foreach (var device in _silent)
        {
            _fleet.Load(device);
        }
    }
}
