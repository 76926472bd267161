using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class DeviceStateMachineHeartbeatTests
{
    private static readonly DateTimeOffset T0 = Given.T0;
    private readonly DeviceStateMachine _machine = new(TimeSpan.FromSeconds(30));

    [Fact]
    public void OnHeartbeat_UnknownDevice_BecomesOnlineWithFirstSeenEvent()
    {
        var change = _machine.OnHeartbeat(DeviceStateMachine.NewDevice(Given.Tenant, "d1"), Heartbeat.Empty, T0);

        Assert.Equal(DeviceState.Online, change.Device.State);
        Assert.Equal(T0, change.Device.StateSince);
        Assert.Equal(T0, change.Device.LastSeen);
        Assert.NotNull(change.Event);
        Assert.Equal(DeviceEvent.FirstSeen, change.Event.Event);
        Assert.Equal(T0, change.Event.At);
        Assert.Equal(("acme", "d1"), (change.Event.Tenant, change.Event.DeviceId));
    }

    [Fact]
    public void OnHeartbeat_AlreadyOnline_MovesLastSeenWithoutEvent()
    {
        var online = Given.Online("d1", T0);

        var change = _machine.OnHeartbeat(online, Heartbeat.Empty, T0.AddSeconds(60));

        Assert.Null(change.Event);
        Assert.Equal(T0.AddSeconds(60), change.Device.LastSeen);
        Assert.Equal(T0, change.Device.StateSince);
    }

    [Fact]
    public void OnHeartbeat_WithRegistryFields_UpdatesRegistry()
    {
        var heartbeat = new Heartbeat
        {
            Kind = DeviceKind.Gateway, IntervalSeconds = 30, Model = "HB-200", Firmware = "2.4.1",
            Site = "site-17", Customer = "cust-9", UptimeSeconds = 86400,
        };

        var device = _machine.OnHeartbeat(Given.Online("gw-7", T0), heartbeat, T0.AddSeconds(30)).Device;

        Assert.Equal(DeviceKind.Gateway, device.Kind);
        Assert.Equal(30, device.IntervalSeconds);
        Assert.Equal("HB-200", device.Model);
        Assert.Equal("2.4.1", device.Firmware);
        Assert.Equal("site-17", device.Site);
        Assert.Equal("cust-9", device.Customer);
        Assert.Equal(86400, device.UptimeSeconds);
    }

    [Fact]
    public void OnHeartbeat_WithoutRegistryFields_KeepsRegistry()
    {
        var known = Given.Online("gw-7", T0) with
        {
            Kind = DeviceKind.Gateway, IntervalSeconds = 30, Model = "HB-200", Firmware = "2.4.1", Site = "site-17", Customer = "cust-9",
        };

        var device = _machine.OnHeartbeat(known, Heartbeat.Empty, T0.AddSeconds(30)).Device;

        Assert.Equal(known with { LastSeen = T0.AddSeconds(30) }, device);
    }

    [Fact]
    public void OnHeartbeat_WithChildrenButNoKind_MarksGateway()
    {
        var heartbeat = new Heartbeat { Children = [new ChildReport("s1", true, [])] };

        Assert.Equal(DeviceKind.Gateway, _machine.OnHeartbeat(Given.Online("gw-7", T0), heartbeat, T0).Device.Kind);
    }

    [Fact]
    public void OnHeartbeat_WithMetrics_ReplacesAllMetrics()
    {
        var before = _machine.OnHeartbeat(Given.Online("d1", T0), Given.HeartbeatWith(new Metric("rssi_dbm", -61), new Metric("battery_pct", 88)), T0).Device;

        var after = _machine.OnHeartbeat(before, Given.HeartbeatWith(new Metric("rssi_dbm", -70)), T0.AddSeconds(60)).Device;

        Assert.Equal([new Metric("rssi_dbm", -70)], after.Metrics);
    }

    [Fact]
    public void OnHeartbeat_WithoutMetrics_KeepsLatestMetrics()
    {
        var before = _machine.OnHeartbeat(Given.Online("d1", T0), Given.HeartbeatWith(new Metric("rssi_dbm", -61)), T0).Device;

        var after = _machine.OnHeartbeat(before, Heartbeat.Empty, T0.AddSeconds(60)).Device;

        Assert.Equal([new Metric("rssi_dbm", -61)], after.Metrics);
    }

    [Fact]
    public void OnChildReport_NewChild_TakesParentSiteAndCustomer()
    {
        var child = _machine.OnChildReport(DeviceStateMachine.NewDevice(Given.Tenant, "s1"), Gateway(), new ChildReport("s1", null, []), T0).Device;

        Assert.Equal("gw-7", child.Parent);
        Assert.Equal("site-17", child.Site);
        Assert.Equal("cust-9", child.Customer);
    }

    [Fact]
    public void OnChildReport_ChildWithOwnSiteAndCustomer_KeepsThem()
    {
        var registered = DeviceStateMachine.NewDevice(Given.Tenant, "s1") with { Site = "site-3", Customer = "cust-1" };

        var child = _machine.OnChildReport(registered, Gateway(), new ChildReport("s1", true, []), T0).Device;

        Assert.Equal("gw-7", child.Parent);
        Assert.Equal("site-3", child.Site);
        Assert.Equal("cust-1", child.Customer);
    }

    [Fact]
    public void OnChildReport_OnlineTrue_BecomesOnline()
    {
        var change = _machine.OnChildReport(DeviceStateMachine.NewDevice(Given.Tenant, "s1"), Gateway(), new ChildReport("s1", true, []), T0);

        Assert.Equal(DeviceState.Online, change.Device.State);
        Assert.Equal(T0, change.Device.LastSeen);
        Assert.Equal(DeviceEvent.FirstSeen, change.Event?.Event);
    }

    [Fact]
    public void OnChildReport_OnlineFalse_BecomesOfflineReportedByGateway()
    {
        var child = Given.Online("s1", T0) with { Parent = "gw-7" };

        var change = _machine.OnChildReport(child, Gateway(), new ChildReport("s1", false, []), T0.AddSeconds(30));

        Assert.Equal(DeviceState.Offline, change.Device.State);
        Assert.Equal(DownCause.ReportedByGateway, change.Device.DownCause);
        Assert.Equal(T0, change.Device.OutageStartedAt);
        Assert.Equal(T0.AddSeconds(30), change.Device.StateSince);
        Assert.Equal(DeviceEvent.WentOffline, change.Event?.Event);
    }

    [Fact]
    public void OnChildReport_OnlineFalseAgain_AddsNoEvent()
    {
        var child = Given.Online("s1", T0) with { Parent = "gw-7" };
        var offline = _machine.OnChildReport(child, Gateway(), new ChildReport("s1", false, []), T0.AddSeconds(30)).Device;

        var again = _machine.OnChildReport(offline, Gateway(), new ChildReport("s1", false, []), T0.AddSeconds(60));

        Assert.Null(again.Event);
        Assert.Equal(T0.AddSeconds(30), again.Device.StateSince);
    }

    [Fact]
    public void OnChildReport_WithMetrics_StoresChildMetrics()
    {
        var report = new ChildReport("s1", true, [new Metric("battery_pct", 40)]);

        var child = _machine.OnChildReport(DeviceStateMachine.NewDevice(Given.Tenant, "s1"), Gateway(), report, T0).Device;

        Assert.Equal([new Metric("battery_pct", 40)], child.Metrics);
    }

    private static DeviceRecord Gateway() => Given.Online("gw-7", T0) with
    {
        Kind = DeviceKind.Gateway, Site = "site-17", Customer = "cust-9", IntervalSeconds = 30,
    };
}
