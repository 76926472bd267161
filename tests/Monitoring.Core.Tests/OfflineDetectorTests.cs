using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Tests;

public sealed class OfflineDetectorTests
{
    private static readonly DateTimeOffset T0 = Given.T0;

    /// <summary>The monitor has been connected since well before every device's last heartbeat.</summary>
    private static readonly DateTimeOffset SightSince = T0.AddHours(-1);

    private readonly OfflineDetector _detector = new(new DetectionOptions());

    [Fact]
    public void SilenceDeadline_DeclaredInterval_IsLastSeenPlusIntervalTimesMissedHeartbeats() =>
        Assert.Equal(T0.AddSeconds(90), _detector.SilenceDeadline(Given.Online("d1", T0, intervalSeconds: 30), true, SightSince));

    [Fact]
    public void SilenceDeadline_NoInterval_UsesDefaultInterval() =>
        Assert.Equal(T0.AddMinutes(3), _detector.SilenceDeadline(Given.Online("d1", T0), true, SightSince));

    [Fact]
    public void SilenceDeadline_ConfiguredDefaultsAndMissedHeartbeats_UsesThem()
    {
        var detector = new OfflineDetector(new DetectionOptions { DefaultInterval = TimeSpan.FromSeconds(10), MissedHeartbeats = 2 });

        Assert.Equal(T0.AddSeconds(20), detector.SilenceDeadline(Given.Online("d1", T0), true, SightSince));
        Assert.Equal(T0.AddSeconds(10), detector.SilenceDeadline(Given.Online("d2", T0, intervalSeconds: 5), true, SightSince));
    }

    [Fact]
    public void IsSilent_ExactlyAtDeadline_True() =>
        Assert.True(_detector.IsSilent(Given.Online("d1", T0, intervalSeconds: 30), T0.AddSeconds(90), true, SightSince));

    [Fact]
    public void IsSilent_OneTickBeforeDeadline_False() =>
        Assert.False(_detector.IsSilent(Given.Online("d1", T0, intervalSeconds: 30), T0.AddSeconds(90) - Given.Tick, true, SightSince));

    [Fact]
    public void IsSilent_MonitorDisconnected_False() =>
        Assert.False(_detector.IsSilent(Given.Online("d1", T0, intervalSeconds: 30), T0.AddDays(1), false, SightSince));

    [Fact]
    public void SilenceDeadline_SightRegainedAfterLastSeen_CountsFromSightRegained()
    {
        var regained = T0.AddHours(2);

        Assert.Equal(regained.AddSeconds(90), _detector.SilenceDeadline(Given.Online("d1", T0, intervalSeconds: 30), true, regained));
    }

    [Theory]
    [InlineData(DeviceState.Unknown)]
    [InlineData(DeviceState.Offline)]
    [InlineData(DeviceState.Unreachable)]
    public void SilenceDeadline_DeviceNotOnline_None(DeviceState state) =>
        Assert.Null(_detector.SilenceDeadline(Given.Online("d1", T0) with { State = state }, true, SightSince));

    [Fact]
    public void SilenceDeadline_NeverSeen_None() =>
        Assert.Null(_detector.SilenceDeadline(Given.Online("d1", T0) with { LastSeen = null }, true, SightSince));
}
