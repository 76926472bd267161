using BenchmarkDotNet.Attributes;
using Monitoring.Core.Cases;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Benchmarks.Micro;

/// <summary>
/// The in-memory part of a detection pass over the live fleet: <see cref="SilenceSweep.Run"/> then
/// <see cref="DeviceCaseRules.Evaluate"/>. The fleet is 99.8% healthy (30 s interval, heard within the last 30 s), 0.1% online
/// but past their silence deadline (the sweep turns them offline), 0.1% offline for a minute without a case (the rules open one).
/// The sweep's changes are not applied, so every invocation sees the same fleet.
/// </summary>
[MemoryDiagnoser]
public class DetectionPassBenchmarks
{
    private readonly DetectionOptions _options = new();
    private LiveFleet _fleet = new();
    private SilenceSweep? _sweep;
    private DeviceCaseRules? _rules;
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
        _sweep = new SilenceSweep(_options);
        _rules = new DeviceCaseRules(_options);
        _fleet = new LiveFleet();
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
    }

    [Benchmark(Description = "SilenceSweep.Run")]
    public int Sweep() => _sweep!.Run(_fleet.Due(_now), _now, _sight!).Count;

    [Benchmark(Description = "DeviceCaseRules.Evaluate (no active cases)")]
    public int Evaluate() => _rules!.Evaluate(_fleet, [], _now).Opened.Count;

    [Benchmark(Description = "Sweep + Evaluate (one pass, in memory)")]
    public int Pass() => _sweep!.Run(_fleet.Due(_now), _now, _sight!).Count + _rules!.Evaluate(_fleet, [], _now).Opened.Count;
}
