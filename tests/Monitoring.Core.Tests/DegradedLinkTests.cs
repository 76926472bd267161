using Monitoring.Core.Cases;
using Monitoring.Core.Detection;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class DegradedLinkTests
{
    private static readonly DetectionOptions Options = new()
    {
        DegradedWindow = TimeSpan.FromMinutes(5),
        Degraded = new() { ["SN-10"] = new LinkThresholds { RssiBelow = -90 }, ["Default"] = new LinkThresholds { LossAbove = 3 } },
    };

    private readonly FleetScenario _fleet = new(Options);
    private readonly LinkQualityWatch _links = new(Options);

    public DegradedLinkTests() => _fleet.Context = new CaseContext { Links = _links };

    private void Report(string id, double rssi, double loss, string model = "HB-200")
    {
        var heartbeat = new Heartbeat { IntervalSeconds = 10, Model = model, Metrics = [new Metric(MetricNames.RssiDbm, rssi), new Metric(MetricNames.LossPct, loss)] };
        var device = _fleet.Heartbeat(id, heartbeat);
        _links.Observe(device, heartbeat.Metrics, _fleet.Now);
    }

    [Fact]
    public void WeakForAWholeWindow_OneDegradedCase()
    {
        _fleet.RunFor(Options.DegradedWindow - TimeSpan.FromSeconds(10), () => Report("d1", -86, 0.5));
        Assert.Empty(_fleet.Cases);

        _fleet.RunFor(TimeSpan.FromSeconds(20), () => Report("d1", -86, 0.5));

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal(CaseKind.DegradedConnectivity, only.Kind);
        Assert.Equal("Device d1 degraded link — weak signal", only.Title);
        Assert.Contains("−86", only.SuspectedCause);
    }

    [Fact]
    public void OccasionalBadSample_MedianWithinBounds_NoCase()
    {
        var n = 0;
        _fleet.RunFor(Options.DegradedWindow * 2, () => Report("d1", n++ % 3 == 0 ? -95 : -60, 0.5));

        Assert.Empty(_fleet.Cases);
    }

    [Fact]
    public void PerModelThreshold_AndDefaultFallbackPerSetting()
    {
        // SN-10 only counts as weak below -90 dBm; its loss limit falls back to the configured default of 3 %.
        _fleet.RunFor(Options.DegradedWindow + TimeSpan.FromSeconds(10), () => Report("s1", -86, 0.5, model: "SN-10"));
        Assert.Empty(_fleet.Cases);

        _fleet.RunFor(Options.DegradedWindow + TimeSpan.FromSeconds(10), () => Report("s1", -60, 4, model: "SN-10"));
        Assert.Equal("Device s1 degraded link — packet loss", Assert.Single(_fleet.Cases).Title);
    }

    [Fact]
    public void LinkRecoversForAWholeWindow_CaseResolves()
    {
        _fleet.RunFor(Options.DegradedWindow + TimeSpan.FromSeconds(10), () => Report("d1", -86, 0.5));
        _fleet.RunFor(Options.DegradedWindow / 2, () => Report("d1", -60, 0.5));
        Assert.Equal(CaseStatus.Open, Assert.Single(_fleet.Cases).Status);

        _fleet.RunFor(Options.DegradedWindow / 2 + TimeSpan.FromSeconds(20), () => Report("d1", -60, 0.5));
        Assert.Equal(CaseResolution.AutoRecovered, Assert.Single(_fleet.Cases).Resolution);
    }

    [Fact]
    public void HealthyDevices_AreNotWatched()
    {
        _fleet.RunFor(TimeSpan.FromMinutes(1), () => Report("d1", -60, 0.1));

        Assert.Equal(0, _links.Watched);
    }
}
