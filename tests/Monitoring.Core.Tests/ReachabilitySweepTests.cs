using Microsoft.Extensions.Time.Testing;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Tests;

public sealed class ReachabilitySweepTests
{
    private static readonly DateTimeOffset T0 = Given.T0;
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly ReachabilitySweep _sweep = new(new DetectionOptions());
    private readonly MonitorSight _sight;

    public ReachabilitySweepTests()
    {
        _sight = new MonitorSight(T0.AddHours(-1));
        _sight.Connected(T0.AddHours(-1));
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>One sweep over a fleet of exactly these records: each change that took effect, with the record it replaced.</summary>
    private List<(DeviceRecord Before, DeviceChange Change)> Sweep(DeviceRecord[] devices, MonitorSight sight)
    {
        var fleet = new LiveFleet();
        foreach (var device in devices)
        {
            fleet.Load(device);
        }

        return _sweep.Apply(fleet, Now, sight).Select(c => (devices.Single(d => d.Id == c.Device.Id), c)).ToList();
    }

    [Fact]
    public void Apply_ExactlyAtDeadline_MakesDeviceOffline()
    {
        var device = Given.Online("d1", T0, intervalSeconds: 30);
        _clock.Advance(TimeSpan.FromSeconds(90));

        var (before, change) = Assert.Single(Sweep([device], _sight));

        Assert.Same(device, before);
        Assert.Equal(DeviceState.Offline, change.Device.State);
        Assert.Equal(DownCause.Silence, change.Device.DownCause);
    }

    [Fact]
    public void Apply_OneTickBeforeDeadline_LeavesDeviceOnline()
    {
        _clock.Advance(TimeSpan.FromSeconds(90) - Given.Tick);

        Assert.Empty(Sweep([Given.Online("d1", T0, intervalSeconds: 30)], _sight));
    }

    [Fact]
    public void Apply_PerDeviceInterval_JudgesEachByItsOwnTimeout()
    {
        _clock.Advance(TimeSpan.FromSeconds(90));
        DeviceRecord[] fleet = [Given.Online("fast", T0, intervalSeconds: 30), Given.Online("default", T0), Given.Online("slow", T0, intervalSeconds: 600)];

        var silent = Sweep(fleet, _sight);

        Assert.Equal(["fast"], silent.Select(s => s.Change.Device.Id));
        _clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(["fast", "default"], Sweep(fleet, _sight).Select(s => s.Change.Device.Id));
    }

    [Fact]
    public void Apply_LateSweep_DatesOfflineAtTheDeadline()
    {
        _clock.Advance(TimeSpan.FromMinutes(10));

        var (_, change) = Assert.Single(Sweep([Given.Online("d1", T0, intervalSeconds: 30)], _sight));

        Assert.Equal(T0.AddSeconds(90), change.Device.StateSince);
        Assert.Equal(T0, change.Device.OutageStartedAt);
    }

    [Fact]
    public void Apply_MonitorDisconnected_JudgesNothing()
    {
        _sight.Disconnected(T0.AddSeconds(10));
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Empty(Sweep([Given.Online("d1", T0, intervalSeconds: 30)], _sight));
    }

    [Fact]
    public void Apply_NeverConnectedSinceStart_JudgesNothing()
    {
        var started = new MonitorSight(T0);
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Empty(Sweep([Given.Online("d1", T0.AddHours(-2), intervalSeconds: 30)], started));
    }

    [Fact]
    public void Apply_AfterStartup_GivesEachDeviceItsTimeoutFromConnection()
    {
        var sight = new MonitorSight(T0);
        var connectedAt = T0.AddSeconds(5);
        sight.Connected(connectedAt);
        var device = Given.Online("d1", T0.AddDays(-1), intervalSeconds: 30);

        _clock.Advance(TimeSpan.FromSeconds(5 + 90) - Given.Tick);
        Assert.Empty(Sweep([device], sight));

        _clock.Advance(Given.Tick);
        var (_, change) = Assert.Single(Sweep([device], sight));
        Assert.Equal(connectedAt.AddSeconds(90), change.Device.StateSince);
        Assert.Equal(T0.AddDays(-1), change.Device.OutageStartedAt);
    }

    [Fact]
    public void Apply_AfterReconnect_GivesEachDeviceItsTimeoutFromReconnection()
    {
        var device = Given.Online("d1", T0, intervalSeconds: 30);
        _sight.Disconnected(T0.AddSeconds(30));
        var reconnectedAt = T0.AddMinutes(10);
        _sight.Connected(reconnectedAt);

        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(90) - Given.Tick);
        Assert.Empty(Sweep([device], _sight));

        _clock.Advance(Given.Tick);
        Assert.Single(Sweep([device], _sight));
    }

    [Fact]
    public void Apply_ConnectedReportedTwice_KeepsFirstConnectionMoment()
    {
        var sight = new MonitorSight(T0);
        sight.Connected(T0);
        sight.Connected(T0.AddMinutes(5));
        _clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Single(Sweep([Given.Online("d1", T0.AddDays(-1), intervalSeconds: 30)], sight));
    }

    [Fact]
    public void Apply_DeviceHeardAfterConnection_CountsFromLastHeartbeat()
    {
        _clock.Advance(TimeSpan.FromSeconds(100));

        Assert.Empty(Sweep([Given.Online("d1", T0.AddSeconds(20), intervalSeconds: 30)], _sight));
    }

    [Fact]
    public void Apply_UnknownOrOfflineDevices_NotSwept()
    {
        var offline = new DeviceStateMachine(TimeSpan.FromSeconds(30)).OnSilence(Given.Online("off", T0, 30), T0.AddSeconds(90)).Device;
        var gateway = Given.Online("gw", T0) with { Kind = DeviceKind.Gateway, State = DeviceState.Offline };
        DeviceRecord[] fleet = [DeviceStateMachine.NewDevice(Given.Tenant, "new"), offline, gateway, Given.Online("gone", T0) with { State = DeviceState.Unreachable, Parent = "gw" }];
        _clock.Advance(TimeSpan.FromDays(1));

        Assert.Empty(Sweep(fleet, _sight));
    }
}
