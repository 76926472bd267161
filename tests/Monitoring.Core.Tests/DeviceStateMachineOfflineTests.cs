using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class DeviceStateMachineOfflineTests
{
    private static readonly DateTimeOffset T0 = Given.T0;
    private static readonly TimeSpan ConfirmAfter = TimeSpan.FromSeconds(30);
    private readonly DeviceStateMachine _machine = new(ConfirmAfter);

    [Fact]
    public void OnStatus_LiveOnline_BecomesOnline()
    {
        var change = _machine.OnStatus(DeviceStateMachine.NewDevice(Given.Tenant, "d1"), new StatusReport(true), retained: false, T0);

        Assert.Equal(DeviceState.Online, change.Device.State);
        Assert.Equal(T0, change.Device.LastSeen);
        Assert.Equal(DeviceEvent.FirstSeen, change.Event?.Event);
    }

    [Fact]
    public void OnStatus_RetainedOnline_ChangesNothing()
    {
        var offline = StatusOffline(Given.Online("d1", T0), T0.AddSeconds(10));

        var change = _machine.OnStatus(offline, new StatusReport(true), retained: true, T0.AddMinutes(5));

        Assert.Same(offline, change.Device);
        Assert.Null(change.Event);
    }

    [Fact]
    public void OnStatus_LiveOffline_GoesOfflineFromArrival()
    {
        var change = _machine.OnStatus(Given.Online("d1", T0), new StatusReport(false), retained: false, T0.AddSeconds(45));

        Assert.Equal(DeviceState.Offline, change.Device.State);
        Assert.Equal(DownCause.StatusOffline, change.Device.DownCause);
        Assert.Equal(T0.AddSeconds(45), change.Device.OutageStartedAt);
        Assert.Equal(T0.AddSeconds(45), change.Device.StateSince);
        Assert.Equal(DeviceEvent.WentOffline, change.Event?.Event);
    }

    [Fact]
    public void OnStatus_RetainedOffline_DatesOutageFromLastSeen()
    {
        var change = _machine.OnStatus(Given.Online("d1", T0), new StatusReport(false), retained: true, T0.AddMinutes(10));

        Assert.Equal(DeviceState.Offline, change.Device.State);
        Assert.Equal(T0, change.Device.OutageStartedAt);
    }

    [Fact]
    public void OnStatus_RepeatedOffline_AddsNoEvent()
    {
        var offline = StatusOffline(Given.Online("d1", T0), T0.AddSeconds(10));

        var again = _machine.OnStatus(offline, new StatusReport(false), retained: false, T0.AddSeconds(20));
        var replayed = _machine.OnStatus(offline, new StatusReport(false), retained: true, T0.AddSeconds(30));

        Assert.Null(again.Event);
        Assert.Null(replayed.Event);
        Assert.Equal(T0.AddSeconds(10), again.Device.OutageStartedAt);
        Assert.Equal(T0.AddSeconds(10), replayed.Device.StateSince);
    }

    [Fact]
    public void OnStatus_OfflineAfterSilence_KeepsOutageStartAndAddsNoEvent()
    {
        var silent = _machine.OnSilence(Given.Online("d1", T0), T0.AddSeconds(180)).Device;

        var change = _machine.OnStatus(silent, new StatusReport(false), retained: false, T0.AddSeconds(200));

        Assert.Null(change.Event);
        Assert.Equal(DeviceState.Offline, change.Device.State);
        Assert.Equal(T0, change.Device.OutageStartedAt);
        Assert.Equal(T0.AddSeconds(180), change.Device.StateSince);
    }

    [Fact]
    public void OnSilence_OnlineDevice_OfflineSinceDeadlineWithOutageFromLastSeen()
    {
        var change = _machine.OnSilence(Given.Online("d1", T0), T0.AddSeconds(90));

        Assert.Equal(DeviceState.Offline, change.Device.State);
        Assert.Equal(DownCause.Silence, change.Device.DownCause);
        Assert.Equal(T0, change.Device.OutageStartedAt);
        Assert.Equal(T0.AddSeconds(90), change.Device.StateSince);
        Assert.Equal(DeviceEvent.WentOffline, change.Event?.Event);
        Assert.Equal(T0.AddSeconds(90), change.Event?.At);
        Assert.Contains("90 s", change.Event?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void OnHeartbeat_ReturnWithinConfirmAfter_RecordsBlip()
    {
        var offline = _machine.OnSilence(Given.Online("d1", T0), T0.AddSeconds(90)).Device;

        var change = _machine.OnHeartbeat(offline, Heartbeat.Empty, T0.AddSeconds(90) + ConfirmAfter - Given.Tick);

        Assert.Equal(DeviceState.Online, change.Device.State);
        Assert.Equal(DeviceEvent.Blip, change.Event?.Event);
    }

    [Fact]
    public void OnHeartbeat_ReturnAfterConfirmAfter_RecordsOnline()
    {
        var offline = _machine.OnSilence(Given.Online("d1", T0), T0.AddSeconds(90)).Device;
        var back = T0.AddSeconds(90) + ConfirmAfter;

        var change = _machine.OnHeartbeat(offline, Heartbeat.Empty, back);

        Assert.Equal(DeviceEvent.WentOnline, change.Event?.Event);
        Assert.Equal(DeviceState.Online, change.Device.State);
        Assert.Equal(back, change.Device.StateSince);
        Assert.Null(change.Device.OutageStartedAt);
        Assert.Null(change.Device.DownCause);
    }

    [Fact]
    public void OnStatus_LiveOnlineShortlyAfterLastWill_RecordsBlip()
    {
        var offline = StatusOffline(Given.Online("d1", T0), T0.AddSeconds(10));

        var change = _machine.OnStatus(offline, new StatusReport(true), retained: false, T0.AddSeconds(15));

        Assert.Equal(DeviceState.Online, change.Device.State);
        Assert.Equal(DeviceEvent.Blip, change.Event?.Event);
    }

    private DeviceRecord StatusOffline(DeviceRecord device, DateTimeOffset at) =>
        _machine.OnStatus(device, new StatusReport(false), retained: false, at).Device;
}
