using System.Text;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;
using Monitoring.Core.Series;

namespace Monitoring.Core.Tests;

public sealed class DeviceSeriesTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    [Fact]
    public void Heartbeat_WritesDeviceMetricsWithAllTagsAndUp()
    {
        var device = new DeviceRecord { Tenant = "acme", Id = "gw-7", Site = "site 17", Model = "HB-200", Firmware = "2.4.1", Kind = DeviceKind.Gateway };
        var line = Write(DevicePoint.Heartbeat(device, [new Metric("rssi_dbm", -61), new Metric("loss_pct", 0.4)], up: true, Received));
        Assert.Equal(@"device_metrics,tenant=acme,device=gw-7,site=site\ 17,model=HB-200,fw=2.4.1,kind=gateway rssi_dbm=-61,loss_pct=0.4,up=1i "
            + Received.ToUnixTimeMilliseconds() + "\n", line);
    }

    [Fact]
    public void ChildReportedOffline_WritesUpZero()
    {
        var device = new DeviceRecord { Tenant = "acme", Id = "sensor-2" };
        Assert.Equal($"device_metrics,tenant=acme,device=sensor-2,kind=device up=0i {Received.ToUnixTimeMilliseconds()}\n",
            Write(DevicePoint.Heartbeat(device, [], up: false, Received)));
    }

    [Theory]
    [InlineData(DeviceEvent.WentOffline, "offline")]
    [InlineData(DeviceEvent.WentOnline, "online")]
    [InlineData(DeviceEvent.FirstSeen, "online")]
    [InlineData(DeviceEvent.Blip, "online")]
    public void StateChange_WritesDeviceStateWithTheStateItLeaves(string change, string state)
    {
        var device = new DeviceRecord { Tenant = "acme", Id = "gw-7" };
        var e = new DeviceEvent("acme", "gw-7", Received, change, "detail");
        Assert.Equal($"device_state,tenant=acme,device=gw-7,kind=device state=\"{state}\" {Received.ToUnixTimeMilliseconds()}\n",
            Write(DevicePoint.StateChange(device, DeviceSeries.StateAfter(e), e.At)));
    }

    [Fact]
    public void Stamp_DeviceTimeWithinSkew_Used() =>
        Assert.Equal(Received.AddMinutes(-4), DeviceSeries.Stamp(Received.AddMinutes(-4), Received, Skew));

    [Fact]
    public void Stamp_DeviceTimeAheadWithinSkew_Used() =>
        Assert.Equal(Received.AddMinutes(5), DeviceSeries.Stamp(Received.AddMinutes(5), Received, Skew));

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    [InlineData(-60 * 24 * 365)]
    public void Stamp_DeviceTimeBeyondSkew_ReceiveTimeUsed(int minutes) =>
        Assert.Equal(Received, DeviceSeries.Stamp(Received.AddMinutes(minutes), Received, Skew));

    [Fact]
    public void Stamp_NoDeviceTime_ReceiveTimeUsed() => Assert.Equal(Received, DeviceSeries.Stamp(null, Received, Skew));

    private static string Write(DevicePoint point)
    {
        using var buffer = new LineProtocolBuffer();
        DeviceSeries.Write(buffer, point);
        return Encoding.UTF8.GetString(buffer.Written);
    }
}
