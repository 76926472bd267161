using Monitoring.Core.Cases;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class SiteOutageTests
{
    private readonly FleetScenario _fleet = new();

    private void Direct(string id, string site = "site-17", int interval = 10) =>
        _fleet.Heartbeat(id, new Heartbeat { Site = site, IntervalSeconds = interval });

    private void WholeSiteUp()
    {
        Direct("hub-1");
        Direct("hub-2");
        _fleet.GatewayHeartbeat("gw-7", "site-17", ["sensor-1", "sensor-2"]);
    }

    [Fact]
    public void WholeSiteSilent_OneSiteCaseListingEveryDevice()
    {
        WholeSiteUp();
        _fleet.RunFor(TimeSpan.FromMinutes(2));

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal((CaseKind.SiteOutage, CaseSubject.Site, "site-17"), (only.Kind, only.Subject.Type, only.Subject.Id));
        Assert.Equal(["gw-7", "hub-1", "hub-2", "sensor-1", "sensor-2"], only.Devices.Order(StringComparer.Ordinal));
        Assert.Equal(CaseSeverity.Major, only.Severity);
        Assert.Contains("internet connection", only.SuspectedCause);
    }

    [Fact]
    public void DeadlinesCrossedAtDifferentMoments_StillOneSiteCaseAndNoDeviceCase()
    {
        // hub-1 is judged after 30 s, hub-2 only after 90 s: hub-1's own case would be due first.
        Direct("hub-1", interval: 10);
        Direct("hub-2", interval: 30);
        _fleet.RunFor(TimeSpan.FromMinutes(4));

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal(CaseKind.SiteOutage, only.Kind);
    }

    [Fact]
    public void DeviceCaseOpenedBeforeTheRestOfTheSiteFell_FoldedIntoTheSiteCase()
    {
        WholeSiteUp();
        _fleet.RunFor(TimeSpan.FromSeconds(70), () =>
        {
            Direct("hub-2");
            _fleet.GatewayHeartbeat("gw-7", "site-17", ["sensor-1", "sensor-2"]);
        });
        Assert.Equal(CaseKind.DeviceOffline, Assert.Single(_fleet.Active).Kind);

        _fleet.RunFor(TimeSpan.FromMinutes(2));

        var site = Assert.Single(_fleet.Active);
        Assert.Equal(CaseKind.SiteOutage, site.Kind);
        var merged = _fleet.Cases.Single(c => c.Kind == CaseKind.DeviceOffline);
        Assert.Equal((CaseStatus.Resolved, CaseResolution.Merged), (merged.Status, merged.Resolution));
        Assert.Contains(site.Id, merged.Timeline[^1].Detail);
        Assert.Contains(site.Timeline, e => e.Event == TimelineEntry.FoldedIn && e.Device == "hub-1");
    }

    [Fact]
    public void OneDeviceOfASiteDown_ItsOwnCaseOnly()
    {
        WholeSiteUp();
        _fleet.RunFor(TimeSpan.FromMinutes(2), () =>
        {
            Direct("hub-2");
            _fleet.GatewayHeartbeat("gw-7", "site-17", ["sensor-1", "sensor-2"]);
        });

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal((CaseKind.DeviceOffline, "hub-1"), (only.Kind, only.Subject.Id));
    }

    [Fact]
    public void DownFurtherApartThanTheCorrelationWindow_SeparateCases()
    {
        Direct("hub-1");
        Direct("hub-2");
        _fleet.RunFor(TimeSpan.FromMinutes(3), () => Direct("hub-2"));
        _fleet.RunFor(TimeSpan.FromMinutes(2));

        Assert.Equal([CaseKind.DeviceOffline, CaseKind.DeviceOffline], _fleet.Cases.Select(c => c.Kind));
    }

    [Fact]
    public void HalfTheSiteBack_SiteCaseStaysOpenUntilAllAreStable()
    {
        WholeSiteUp();
        _fleet.RunFor(TimeSpan.FromMinutes(2));

        _fleet.RunFor(_fleet.Options.RecoveryStable + TimeSpan.FromMinutes(1), () => Direct("hub-1"));
        Assert.Equal(CaseStatus.Open, Assert.Single(_fleet.Cases).Status);

        _fleet.RunFor(_fleet.Options.RecoveryStable + TimeSpan.FromSeconds(10), WholeSiteUp);
        var only = Assert.Single(_fleet.Cases);
        Assert.Equal(CaseResolution.AutoRecovered, only.Resolution);
    }

    [Fact]
    public void SingleDeviceSite_IsNotASiteOutage()
    {
        Direct("hub-1", site: "site-alone");
        _fleet.RunFor(TimeSpan.FromMinutes(2));

        Assert.Equal(CaseKind.DeviceOffline, Assert.Single(_fleet.Cases).Kind);
    }
}
