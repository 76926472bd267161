using Monitoring.Core.Cases;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class FlappingTests
{
    private readonly FleetScenario _fleet = new();

    /// <summary>Drops (Last Will) and returns every <paramref name="period"/>, <paramref name="times"/> times.</summary>
    private void Flap(int times, TimeSpan period)
    {
        for (var i = 0; i < times; i++)
        {
            _fleet.Heartbeat("d1", new Heartbeat { IntervalSeconds = 10 });
            _fleet.Pass();
            _fleet.Advance(period);
            _fleet.Status("d1", online: false);
            _fleet.Pass();
            _fleet.Advance(period);
        }

        _fleet.Heartbeat("d1", new Heartbeat { IntervalSeconds = 10 });
        _fleet.Pass();
    }

    [Fact]
    public void ShortDropsRepeated_OneFlappingCaseAndNoOfflineCase()
    {
        Flap(times: 3, period: TimeSpan.FromSeconds(10));

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal(CaseKind.Flapping, only.Kind);
        Assert.StartsWith("Device d1 flapping", only.Title);
    }

    [Fact]
    public void FewerChangesThanFlapTransitions_NoCase()
    {
        Flap(times: 1, period: TimeSpan.FromSeconds(10));

        Assert.Empty(_fleet.Cases);
    }

    [Fact]
    public void StableForAWholeFlapWindow_FlappingCaseResolves()
    {
        Flap(times: 3, period: TimeSpan.FromSeconds(10));

        _fleet.RunFor(_fleet.Options.FlapWindow - TimeSpan.FromSeconds(10), () => _fleet.Heartbeat("d1", new Heartbeat { IntervalSeconds = 10 }));
        Assert.Equal(CaseStatus.Open, Assert.Single(_fleet.Cases).Status);

        _fleet.RunFor(TimeSpan.FromSeconds(20), () => _fleet.Heartbeat("d1", new Heartbeat { IntervalSeconds = 10 }));
        Assert.Equal(CaseResolution.AutoRecovered, Assert.Single(_fleet.Cases).Resolution);
    }

    [Fact]
    public void LongDropOfAFlappingDevice_GoesOnTheFlappingCase()
    {
        Flap(times: 3, period: TimeSpan.FromSeconds(10));

        _fleet.Status("d1", online: false);
        _fleet.RunFor(TimeSpan.FromMinutes(2));

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal(CaseKind.Flapping, only.Kind);
        Assert.Contains(only.Timeline, e => e.Event == TimelineEntry.LongDrop);
    }

    [Fact]
    public void FirstDropLongEnoughForACase_ThenMoreDrops_TheCaseBecomesTheFlappingCase()
    {
        _fleet.Heartbeat("d1", new Heartbeat { IntervalSeconds = 10 });
        _fleet.Status("d1", online: false);
        _fleet.RunFor(TimeSpan.FromSeconds(40));
        Assert.Equal(CaseKind.DeviceOffline, Assert.Single(_fleet.Cases).Kind);

        Flap(times: 2, period: TimeSpan.FromSeconds(5));

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal(CaseKind.Flapping, only.Kind);
        Assert.StartsWith("Device d1 flapping", only.Title);
        Assert.Contains(only.Timeline, e => e.Event == TimelineEntry.Flapping);
    }
}
