using Monitoring.Core.Cases;
using Monitoring.Core.Maintenance;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class MaintenanceRuleTests
{
    private readonly FleetScenario _fleet = new();

    private void Window(MaintenanceScope scope, TimeSpan from, TimeSpan to) =>
        _fleet.Context = new CaseContext
        {
            Maintenance = new MaintenanceCalendar([new MaintenanceWindow { Id = "w1", Tenant = Given.Tenant, Scope = scope, From = Given.T0 + from, To = Given.T0 + to }]),
        };

    [Fact]
    public void DeviceDownInsideItsWindow_NoCase()
    {
        Window(new MaintenanceScope(MaintenanceScope.Device, "d1"), TimeSpan.Zero, TimeSpan.FromHours(1));
        _fleet.Heartbeat("d1", new Heartbeat { IntervalSeconds = 10 });

        _fleet.RunFor(TimeSpan.FromMinutes(10));

        Assert.Empty(_fleet.Cases);
    }

    [Fact]
    public void StillDownWhenTheWindowEnds_CaseConfirmAfterLater_WithTheRealOutageStart()
    {
        Window(new MaintenanceScope(MaintenanceScope.Site, "site-17"), TimeSpan.Zero, TimeSpan.FromMinutes(5));
        var last = _fleet.Heartbeat("d1", new Heartbeat { IntervalSeconds = 10, Site = "site-17" });

        _fleet.RunFor(TimeSpan.FromMinutes(5) + _fleet.Options.ConfirmAfter - TimeSpan.FromSeconds(5));
        Assert.Empty(_fleet.Cases);

        _fleet.RunFor(TimeSpan.FromSeconds(10));
        var only = Assert.Single(_fleet.Cases);
        Assert.Equal(last.LastSeen, only.OutageStartedAt);
    }

    [Fact]
    public void GatewayWindow_CoversTheDevicesBehindIt_OthersJudgedAsUsual()
    {
        Window(new MaintenanceScope(MaintenanceScope.Gateway, "gw-7"), TimeSpan.Zero, TimeSpan.FromHours(1));
        _fleet.GatewayHeartbeat("gw-7", "site-17", ["sensor-1"]);
        _fleet.Heartbeat("hub-1", new Heartbeat { IntervalSeconds = 10, Site = "site-2" });

        _fleet.RunFor(TimeSpan.FromMinutes(3));

        Assert.Equal("hub-1", Assert.Single(_fleet.Cases).Subject.Id);
    }
}
