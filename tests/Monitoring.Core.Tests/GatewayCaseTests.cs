using Monitoring.Core.Cases;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class GatewayCaseTests
{
    private static readonly string[] Children = ["sensor-1", "sensor-2"];
    private readonly FleetScenario _fleet = new();

    private void GatewayUp(params string[] offline) => _fleet.GatewayHeartbeat("gw-7", "site-17", Children, offline);

    [Fact]
    public void GatewaySilent_ChildrenUnreachable_OneCaseNamesThem()
    {
        GatewayUp();
        _fleet.RunFor(TimeSpan.FromMinutes(2));

        Assert.Equal(DeviceState.Offline, _fleet.Device("gw-7").State);
        Assert.All(Children, c => Assert.Equal(DeviceState.Unreachable, _fleet.Device(c).State));
        var only = Assert.Single(_fleet.Cases);
        Assert.Equal(CaseKind.GatewayOffline, only.Kind);
        Assert.Equal(["gw-7", "sensor-1", "sensor-2"], only.Devices);
        Assert.Equal("Gateway gw-7 offline — 2 devices behind it unreachable", only.Title);
        Assert.Contains("sensor-1, sensor-2", only.SuspectedCause);
    }

    [Fact]
    public void GatewayReturnsWithChildren_EverythingResolvesTogether()
    {
        GatewayUp();
        _fleet.RunFor(TimeSpan.FromMinutes(2));

        _fleet.RunFor(_fleet.Options.RecoveryStable + TimeSpan.FromSeconds(10), () => GatewayUp());

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal((CaseStatus.Resolved, CaseResolution.AutoRecovered), (only.Status, only.Resolution));
        Assert.All(Children, c => Assert.Equal(DeviceState.Online, _fleet.Device(c).State));
    }

    [Fact]
    public void ChildReportedOfflineByHealthyGateway_GetsItsOwnCase()
    {
        _fleet.RunFor(TimeSpan.FromMinutes(2), () => GatewayUp(offline: "sensor-2"));

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal((CaseKind.DeviceOffline, "sensor-2"), (only.Kind, only.Subject.Id));
        Assert.Contains("gateway gw-7 reported it offline", only.SuspectedCause, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void GatewayBackWithoutAChild_ThatChildIsSilentOnItsOwn()
    {
        GatewayUp();
        _fleet.RunFor(TimeSpan.FromMinutes(2));

        _fleet.RunFor(TimeSpan.FromMinutes(1), () => _fleet.GatewayHeartbeat("gw-7", "site-17", ["sensor-1"]));

        Assert.Equal(DeviceState.Offline, _fleet.Device("sensor-2").State);
        Assert.Equal(DeviceState.Online, _fleet.Device("sensor-1").State);
        Assert.Equal(CaseStatus.Open, Assert.Single(_fleet.Cases).Status);
    }

    [Fact]
    public void ChildFlappingBehindHealthyGateway_OneFlappingCaseForTheChild()
    {
        var report = 0;
        _fleet.RunFor(TimeSpan.FromMinutes(3), () => GatewayUp(offline: report++ % 4 < 2 ? [] : ["sensor-1"]));

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal((CaseKind.Flapping, "sensor-1"), (only.Kind, only.Subject.Id));
    }

    [Fact]
    public void ChildrenLastReportedWithTheGatewayHeartbeat_JudgedInOnePass_AreUnreachable()
    {
        // Registered before their gateway first reported them, as provisioning does: the sweep meets them first.
        foreach (var child in Children)
        {
            _fleet.Fleet.Load(DeviceStateMachine.NewDevice(Given.Tenant, child));
        }

        GatewayUp();
        _fleet.Advance(TimeSpan.FromSeconds(30));
        _fleet.Pass();

        Assert.Equal(DeviceState.Offline, _fleet.Device("gw-7").State);
        Assert.All(Children, c => Assert.Equal(DeviceState.Unreachable, _fleet.Device(c).State));
    }
}
