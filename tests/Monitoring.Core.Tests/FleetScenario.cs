using Microsoft.Extensions.Time.Testing;
using Monitoring.Core.Cases;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

/// <summary>
/// A fleet driven by a fake clock, as the services drive it: observations go through the state machine into a
/// <see cref="LiveFleet"/>, and each <see cref="Pass"/> sweeps for silence and applies the case rules to a list of cases.
/// </summary>
internal sealed class FleetScenario
{
    private readonly DeviceStateMachine _machine;
    private readonly SilenceSweep _sweep;
    private readonly DeviceCaseRules _rules;
    private readonly MonitorSight _sight;

    public FleetScenario(DetectionOptions? options = null)
    {
        Options = options ?? new DetectionOptions();
        _machine = new DeviceStateMachine(Options.ConfirmAfter);
        _sweep = new SilenceSweep(Options);
        _rules = new DeviceCaseRules(Options);
        _sight = new MonitorSight(Now);
        _sight.Connected(Now);
    }

    public DetectionOptions Options { get; }
    public FakeTimeProvider Clock { get; } = new(Given.T0);
    public LiveFleet Fleet { get; } = new();

    /// <summary>Every case the passes have opened, as last changed: the case store.</summary>
    public List<SupportCase> Cases { get; } = [];

    public DateTimeOffset Now => Clock.GetUtcNow();

    public void Advance(TimeSpan by) => Clock.Advance(by);

    public DeviceRecord Heartbeat(string id, Heartbeat? heartbeat = null) =>
        Fleet.Update(Key(id), (Heartbeat: heartbeat ?? Protocol.Heartbeat.Empty, At: Now),
            (d, s) => _machine.OnHeartbeat(d, s.Heartbeat, s.At), NewDevice).Device;

    public DeviceRecord Status(string id, bool online, bool retained = false) =>
        Fleet.Update(Key(id), (Online: online, Retained: retained, At: Now),
            (d, s) => _machine.OnStatus(d, new StatusReport(s.Online), s.Retained, s.At), NewDevice).Device;

    public DeviceRecord Device(string id) => Fleet.Find(Key(id)) ?? throw new InvalidOperationException($"no device {id}");

    /// <summary>A heartbeat now, then silence until the sweep finds the device offline (at its deadline).</summary>
    public DeviceRecord FallSilent(string id, Heartbeat? heartbeat = null)
    {
        var device = Heartbeat(id, heartbeat);
        var timeout = new OfflineDetector(Options).TimeoutOf(device);
        Advance(timeout);
        Pass();
        return Device(id);
    }

    /// <summary>One detection pass: silence sweep, then the case rules over the stored cases; their decisions are stored.</summary>
    public CaseDecisions Pass()
    {
        foreach (var (before, change) in _sweep.Run(Fleet.All(), Now, _sight))
        {
            Fleet.TryReplace(before, change.Device);
        }

        var decisions = _rules.Evaluate(Fleet, Cases, Now);
        Cases.AddRange(decisions.Opened);
        foreach (var changed in decisions.Changed)
        {
            Cases[Cases.FindIndex(c => c.Id == changed.Id)] = changed;
        }

        return decisions;
    }

    /// <summary>What an operator's resolve does to a stored case.</summary>
    public void ResolveByOperator(string caseId)
    {
        var index = Cases.FindIndex(c => c.Id == caseId);
        Cases[index] = Cases[index] with { Status = CaseStatus.Resolved, ResolvedAt = Now, Resolution = CaseResolution.Fixed };
    }

    private static DeviceKey Key(string id) => new(Given.Tenant, id);

    private static DeviceRecord NewDevice(DeviceKey key) => DeviceStateMachine.NewDevice(key.Tenant, key.Id);
}
