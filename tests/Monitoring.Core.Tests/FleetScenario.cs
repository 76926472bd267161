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
    private readonly ReachabilitySweep _sweep;
    private readonly CaseRules _rules;
    private readonly MonitorSight _sight;

    public FleetScenario(DetectionOptions? options = null, bool monitorConnected = true)
    {
        Options = options ?? new DetectionOptions();
        _machine = new DeviceStateMachine(Options.ConfirmAfter, Options.FlapWindow);
        _sweep = new ReachabilitySweep(Options);
        _rules = new CaseRules(Options);
        Fleet = new LiveFleet(Options);
        _sight = new MonitorSight(Now);
        if (monitorConnected)
        {
            _sight.Connected(Now);
        }
    }

    public DetectionOptions Options { get; }

    /// <summary>Maintenance windows and customer tiers the case rules are given.</summary>
    public CaseContext Context { get; set; } = CaseContext.None;
    public FakeTimeProvider Clock { get; } = new(Given.T0);
    public LiveFleet Fleet { get; }

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

    /// <summary>A gateway's heartbeat reporting each child online or, for those listed in <paramref name="offline"/>, offline.</summary>
    public DeviceRecord GatewayHeartbeat(string id, string? site, string[] children, params string[] offline)
    {
        var heartbeat = new Heartbeat
        {
            Kind = DeviceKind.Gateway,
            IntervalSeconds = 10,
            Site = site,
            Children = [.. children.Select(c => new ChildReport(c, !offline.Contains(c), []))],
        };
        var gateway = Heartbeat(id, heartbeat);
        foreach (var child in heartbeat.Children)
        {
            Fleet.Update(Key(child.Id), (Child: child, Gateway: gateway, At: Now),
                (d, s) => _machine.OnChildReport(d, s.Gateway, s.Child, s.At), NewDevice);
        }

        return gateway;
    }

    /// <summary>Passes every <see cref="DetectionOptions.Period"/> for <paramref name="span"/>, with <paramref name="between"/> run before each.</summary>
    public void RunFor(TimeSpan span, Action? between = null)
    {
        var end = Now + span;
        while (Now < end)
        {
            Advance(Options.Period);
            between?.Invoke();
            Pass();
        }
    }

    public List<SupportCase> Active => [.. Cases.Where(c => c.IsActive)];

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
        _sweep.Apply(Fleet, Now, _sight);
        var decisions = _rules.Evaluate(Fleet, Cases, Now, Context);
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
