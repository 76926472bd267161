using Monitoring.Core.Detection;
using Monitoring.Core.Cases;

namespace Monitoring.Core.Tests;

public sealed class CaseRulesRecoveryTests
{
    // Flapping is judged elsewhere (FlappingTests): here a drop and return are only about recovery.
    private readonly FleetScenario _fleet = new(new DetectionOptions { FlapTransitions = 10 });

    private TimeSpan RecoveryStable => _fleet.Options.RecoveryStable;

    [Fact]
    public void Evaluate_DeviceBackOnline_AddsDeviceOnlineToTimeline()
    {
        OpenCaseFor("d1");
        _fleet.Advance(TimeSpan.FromMinutes(1));
        var back = _fleet.Now;
        _fleet.Heartbeat("d1");

        var changed = Assert.Single(_fleet.Pass().Changed);

        var last = changed.Timeline[^1];
        Assert.Equal((TimelineEntry.DeviceOnline, "d1", back), (last.Event, last.Device, last.At));
        Assert.Equal(CaseStatus.Open, changed.Status);
    }

    [Fact]
    public void Evaluate_OnlineOneTickShortOfRecoveryStable_StaysOpen()
    {
        OpenCaseFor("d1");
        _fleet.Heartbeat("d1");
        _fleet.Pass();
        _fleet.Advance(RecoveryStable - Given.Tick);

        Assert.Empty(_fleet.Pass().Changed);
        Assert.Equal(CaseStatus.Open, Single().Status);
    }

    [Fact]
    public void Evaluate_OnlineForRecoveryStable_ResolvesAutoRecovered()
    {
        OpenCaseFor("d1");
        _fleet.Heartbeat("d1");
        _fleet.Pass();
        _fleet.Advance(RecoveryStable);
        var now = _fleet.Now;

        var resolved = Assert.Single(_fleet.Pass().Changed);

        Assert.Equal(CaseStatus.Resolved, resolved.Status);
        Assert.Equal(CaseResolution.AutoRecovered, resolved.Resolution);
        Assert.Equal(now, resolved.ResolvedAt);
        Assert.Equal(TimelineEntry.Resolved, resolved.Timeline[^1].Event);
    }

    [Fact]
    public void Evaluate_ResolvedCase_NotChangedByLaterPasses()
    {
        OpenCaseFor("d1");
        _fleet.Heartbeat("d1");
        _fleet.Pass();
        _fleet.Advance(RecoveryStable);
        _fleet.Pass();

        _fleet.Advance(_fleet.Options.Period);
        var decisions = _fleet.Pass();

        Assert.True(decisions.IsEmpty);
        Assert.Equal(CaseStatus.Resolved, Single().Status);
    }

    [Fact]
    public void Evaluate_DownAgainBeforeStable_AddsDeviceOfflineAndStaysOpen()
    {
        OpenCaseFor("d1");
        _fleet.Heartbeat("d1");
        _fleet.Pass();
        _fleet.Advance(TimeSpan.FromSeconds(60));
        var downAgain = _fleet.Now;
        _fleet.Status("d1", online: false);

        var changed = Assert.Single(_fleet.Pass().Changed);

        var last = changed.Timeline[^1];
        Assert.Equal((TimelineEntry.DeviceOffline, "d1", downAgain), (last.Event, last.Device, last.At));
        Assert.Equal(CaseStatus.Open, changed.Status);
        _fleet.Advance(RecoveryStable);
        _fleet.Pass();
        Assert.Equal(CaseStatus.Open, Single().Status);
    }

    [Fact]
    public void Evaluate_ReturnAfterInterruptedRecovery_RestartsStableTimer()
    {
        OpenCaseFor("d1");
        var firstReturn = _fleet.Now;
        _fleet.Heartbeat("d1");
        _fleet.Pass();
        _fleet.Advance(TimeSpan.FromSeconds(60));
        _fleet.Status("d1", online: false);
        _fleet.Pass();
        _fleet.Advance(TimeSpan.FromSeconds(10));
        var secondReturn = _fleet.Now;
        _fleet.Heartbeat("d1");
        _fleet.Pass();

        _fleet.Advance(firstReturn + RecoveryStable - _fleet.Now);
        _fleet.Pass();
        Assert.Equal(CaseStatus.Open, Single().Status);

        _fleet.Advance(secondReturn + RecoveryStable - Given.Tick - _fleet.Now);
        _fleet.Pass();
        Assert.Equal(CaseStatus.Open, Single().Status);

        _fleet.Advance(Given.Tick);
        _fleet.Pass();
        var resolved = Single();
        Assert.Equal(CaseResolution.AutoRecovered, resolved.Resolution);
        Assert.Equal(
            [TimelineEntry.DeviceOffline, TimelineEntry.Opened, TimelineEntry.DeviceOnline, TimelineEntry.DeviceOffline, TimelineEntry.DeviceOnline, TimelineEntry.Resolved],
            resolved.Timeline.Select(e => e.Event));
    }

    [Fact]
    public void Evaluate_StillDown_LeavesCaseUnchanged()
    {
        OpenCaseFor("d1");

        for (var i = 0; i < 10; i++)
        {
            _fleet.Advance(_fleet.Options.Period);
            Assert.True(_fleet.Pass().IsEmpty);
        }
    }

    private void OpenCaseFor(string id)
    {
        _fleet.FallSilent(id);
        _fleet.Advance(_fleet.Options.ConfirmAfter);
        Assert.Single(_fleet.Pass().Opened);
    }

    private SupportCase Single() => Assert.Single(_fleet.Cases);
}
