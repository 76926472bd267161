using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

/// <summary>Which changes move only a device's signs of life (last seen, latest metrics, uptime), so a store may write just those.</summary>
public sealed class DeviceSignsOfLifeTests
{
    private static readonly DateTimeOffset T0 = Given.T0;
    private readonly DeviceStateMachine _machine = new(TimeSpan.FromSeconds(30));

    [Fact]
    public void OnHeartbeat_OnlineDeviceWithNewMetricsAndUptime_IsSignOfLifeOnly()
    {
        var known = Registered() with { UptimeSeconds = 100 };
        var heartbeat = new Heartbeat { Model = "HB-200", Firmware = "2.4.1", Site = "site-17", UptimeSeconds = 160, Metrics = [new Metric("rssi_dbm", -70)] };

        var change = _machine.OnHeartbeat(known, heartbeat, T0.AddSeconds(60));

        Assert.True(change.SignOfLifeOnly);
        Assert.Equal(T0.AddSeconds(60), change.Device.LastSeen);
        Assert.Equal(160, change.Device.UptimeSeconds);
    }

    [Fact]
    public void OnHeartbeat_FirstOne_IsNotSignOfLifeOnly()
    {
        var change = _machine.OnHeartbeat(DeviceStateMachine.NewDevice(Given.Tenant, "d1"), Heartbeat.Empty, T0);

        Assert.False(change.SignOfLifeOnly);
        Assert.NotNull(change.Event);
    }

    [Fact]
    public void OnHeartbeat_NewFirmware_IsNotSignOfLifeOnly()
    {
        var change = _machine.OnHeartbeat(Registered(), new Heartbeat { Firmware = "2.5.0" }, T0.AddSeconds(60));

        Assert.False(change.SignOfLifeOnly);
        Assert.Equal("2.5.0", change.Device.Firmware);
    }

    [Fact]
    public void OnHeartbeat_UptimeWentBack_IsNotSignOfLifeOnly()
    {
        var change = _machine.OnHeartbeat(Registered() with { UptimeSeconds = 5000 }, new Heartbeat { UptimeSeconds = 20 }, T0.AddSeconds(60));

        Assert.False(change.SignOfLifeOnly);
        Assert.Equal(T0.AddSeconds(40), change.Device.LastRebootAt);
    }

    [Fact]
    public void OnHeartbeat_OfflineDeviceBack_IsNotSignOfLifeOnly()
    {
        var offline = _machine.OnSilence(Registered(), T0.AddMinutes(3)).Device;

        var change = _machine.OnHeartbeat(offline, Heartbeat.Empty, T0.AddMinutes(4));

        Assert.False(change.SignOfLifeOnly);
        Assert.Equal(DeviceState.Online, change.Device.State);
    }

    [Fact]
    public void OnChildReport_KnownChildStillOnline_IsSignOfLifeOnly_MovedToAnotherGateway_IsNot()
    {
        var gateway = Registered() with { Kind = DeviceKind.Gateway };
        var child = _machine.OnChildReport(DeviceStateMachine.NewDevice(Given.Tenant, "s1"), gateway, new ChildReport("s1", true, []), T0).Device;

        var again = _machine.OnChildReport(child, gateway, new ChildReport("s1", true, [new Metric("battery_pct", 40)]), T0.AddSeconds(30));
        var moved = _machine.OnChildReport(child, gateway with { Id = "gw-8" }, new ChildReport("s1", true, []), T0.AddSeconds(30));

        Assert.True(again.SignOfLifeOnly);
        Assert.False(moved.SignOfLifeOnly);
        Assert.Equal("gw-8", moved.Device.Parent);
    }

    [Fact]
    public void MovesOnlySignsOfLife_EveryOtherPropertyOfTheRecordCounts()
    {
        // A property added to DeviceRecord and left out of the comparison would be written only with the next
        // whole-row save: this fails until the comparison (or this list of signs of life) says what it is.
        string[] signsOfLife = [nameof(DeviceRecord.LastSeen), nameof(DeviceRecord.Metrics), nameof(DeviceRecord.UptimeSeconds)];
        var known = Registered() with { Customer = "cust-9", Parent = "gw-1", UptimeSeconds = 100, LastRebootAt = T0, Transitions = [T0] };
        foreach (var property in typeof(DeviceRecord).GetProperties().Where(p => p.SetMethod is not null))
        {
            var next = known with { };
            property.SetValue(next, Other(property.PropertyType));

            Assert.True(signsOfLife.Contains(property.Name) == known.MovesOnlySignsOfLife(next), $"DeviceRecord.{property.Name}");
        }
    }

    private static object Other(Type type) => type switch
    {
        _ when type == typeof(string) => "other",
        _ when type == typeof(int?) => 7,
        _ when type == typeof(long?) => 7L,
        _ when type == typeof(DateTimeOffset?) => T0.AddHours(5),
        _ when type == typeof(DeviceKind) => DeviceKind.Gateway,
        _ when type == typeof(DeviceState) => DeviceState.Offline,
        _ when type == typeof(DownCause?) => DownCause.Silence,
        _ when type == typeof(IReadOnlyList<DateTimeOffset>) => new[] { T0.AddHours(5) },
        _ when type == typeof(IReadOnlyList<Metric>) => new[] { new Metric("rssi_dbm", -80) },
        _ => throw new InvalidOperationException($"no other value for a {type}: add one"),
    };

    private static DeviceRecord Registered() => Given.Online("gw-7", T0, intervalSeconds: 30) with
    {
        Model = "HB-200", Firmware = "2.4.1", Site = "site-17",
    };
}
