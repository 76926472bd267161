using Microsoft.Extensions.Time.Testing;
using Monitoring.Core.Devices;
using Monitoring.Core.Maintenance;

namespace Monitoring.Core.Tests;

public sealed class MaintenanceWindowTests
{
    private static readonly DateTimeOffset From = Given.T0.AddHours(1);
    private static readonly DateTimeOffset To = Given.T0.AddHours(3);
    private static readonly DeviceRecord Gateway = Device("gw-7") with { Kind = DeviceKind.Gateway, Site = "site-17", Customer = "cust-9" };
    private static readonly DeviceRecord Child = Device("sensor-1") with { Parent = "gw-7", Site = "site-17", Customer = "cust-9" };
    private static readonly DeviceRecord Neighbour = Device("hub-42") with { Site = "site-17", Customer = "cust-8" };
    private static readonly DeviceRecord Elsewhere = Device("hub-43") with { Site = "site-18", Customer = "cust-9" };
    private static readonly DeviceRecord Unplaced = Device("hub-44");
    private static readonly DeviceRecord[] Fleet = [Gateway, Child, Neighbour, Elsewhere, Unplaced];

    [Fact]
    public void Covers_DeviceScope_CoversThatDeviceOnly()
    {
        Assert.Equal(["gw-7"], Covered(new MaintenanceScope(MaintenanceScope.Device, "gw-7")));
    }

    [Fact]
    public void Covers_GatewayScope_CoversTheGatewayAndTheDevicesBehindIt()
    {
        Assert.Equal(["gw-7", "sensor-1"], Covered(new MaintenanceScope(MaintenanceScope.Gateway, "gw-7")));
    }

    [Fact]
    public void Covers_GatewayScopeOfAPlainDevice_CoversJustThatDevice()
    {
        Assert.Equal(["hub-42"], Covered(new MaintenanceScope(MaintenanceScope.Gateway, "hub-42")));
    }

    [Fact]
    public void Covers_SiteScope_CoversEveryDeviceOfTheSite()
    {
        Assert.Equal(["gw-7", "sensor-1", "hub-42"], Covered(new MaintenanceScope(MaintenanceScope.Site, "site-17")));
    }

    [Fact]
    public void Covers_CustomerScope_CoversTheCustomersDevicesOnAnySite()
    {
        Assert.Equal(["gw-7", "sensor-1", "hub-43"], Covered(new MaintenanceScope(MaintenanceScope.Customer, "cust-9")));
    }

    [Fact]
    public void Covers_TenantScope_CoversEveryDeviceOfTheTenant()
    {
        Assert.Equal(Fleet.Select(d => d.Id), Covered(MaintenanceScope.WholeTenant));
    }

    [Fact]
    public void Covers_AnotherTenantsWindow_CoversNothing()
    {
        var window = Window(MaintenanceScope.WholeTenant) with { Tenant = "other" };

        Assert.All(Fleet, d => Assert.False(window.Covers(d, From)));
    }

    [Fact]
    public void Covers_FromIsInclusive_ToIsExclusive()
    {
        var window = Window(new MaintenanceScope(MaintenanceScope.Device, "hub-42"));

        Assert.False(window.Covers(Neighbour, From - Given.Tick));
        Assert.True(window.Covers(Neighbour, From));
        Assert.True(window.Covers(Neighbour, To - Given.Tick));
        Assert.False(window.Covers(Neighbour, To));
    }

    [Fact]
    public void Covers_WindowRemovedMidway_EndsAtTheRemoval()
    {
        var time = new FakeTimeProvider(From.AddMinutes(30));
        var window = Window(MaintenanceScope.WholeTenant).RemovedAt(time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(window.Covers(Child, From.AddMinutes(30) - Given.Tick));
        Assert.False(window.Covers(Child, From.AddMinutes(30)));
        Assert.False(window.Covers(Child, time.GetUtcNow()));
        Assert.Equal(From.AddMinutes(30), window.Until);
        Assert.Equal(MaintenanceWindow.Ended, window.StatusAt(time.GetUtcNow()));
    }

    [Fact]
    public void Covers_WindowRemovedBeforeItBegan_NeverTakesEffect()
    {
        var window = Window(MaintenanceScope.WholeTenant).RemovedAt(Given.T0);

        Assert.False(window.Covers(Child, From));
        Assert.False(window.Covers(Child, To - Given.Tick));
        Assert.Equal(MaintenanceWindow.Ended, window.StatusAt(From));
    }

    [Fact]
    public void RemovedAt_AfterTheWindowEnded_KeepsItsPlannedEnd()
    {
        var window = Window(MaintenanceScope.WholeTenant).RemovedAt(To.AddHours(1));

        Assert.Equal(To, window.Until);
        Assert.True(window.Covers(Child, To - Given.Tick));
    }

    [Fact]
    public void RemovedAt_Twice_KeepsTheFirstRemoval()
    {
        var first = From.AddMinutes(10);
        var window = Window(MaintenanceScope.WholeTenant).RemovedAt(first).RemovedAt(first.AddMinutes(5));

        Assert.Equal(first, window.EndedAt);
    }

    [Fact]
    public void StatusAt_IsScheduledBeforeFrom_ActiveWithin_EndedFromTo()
    {
        var window = Window(MaintenanceScope.WholeTenant);

        Assert.Equal(MaintenanceWindow.Scheduled, window.StatusAt(From - Given.Tick));
        Assert.Equal(MaintenanceWindow.Active, window.StatusAt(From));
        Assert.Equal(MaintenanceWindow.Active, window.StatusAt(To - Given.Tick));
        Assert.Equal(MaintenanceWindow.Ended, window.StatusAt(To));
    }

    [Theory]
    [InlineData("tenant", null)]
    [InlineData("device", "gw-7")]
    [InlineData("gateway", "gw-7")]
    [InlineData("site", "Site 17, Main Street")]
    [InlineData("customer", "cust-9")]
    public void Problem_WellFormedScope_IsNone(string type, string? id)
    {
        Assert.Null(MaintenanceScope.Problem(type, id));
    }

    [Theory]
    [InlineData(null, "gw-7", "scope.type")]
    [InlineData("building", "b-1", "scope.type")]
    [InlineData("tenant", "acme", "tenant scope has no id")]
    [InlineData("device", null, "scope.id")]
    [InlineData("gateway", "gw 7", "scope.id")]
    [InlineData("site", "", "scope.id")]
    [InlineData("customer", null, "scope.id")]
    public void Problem_MalformedScope_SaysWhatIsWrong(string? type, string? id, string expected)
    {
        Assert.Contains(expected, MaintenanceScope.Problem(type, id));
    }

    private static List<string> Covered(MaintenanceScope scope)
    {
        var window = Window(scope);
        return Fleet.Where(d => window.Covers(d, From.AddMinutes(1))).Select(d => d.Id).ToList();
    }

    private static MaintenanceWindow Window(MaintenanceScope scope) => new()
    {
        Id = "mw-1",
        Tenant = Given.Tenant,
        Scope = scope,
        From = From,
        To = To,
        Reason = "router swap",
        UpdatedAt = Given.T0,
    };

    private static DeviceRecord Device(string id) => new() { Tenant = Given.Tenant, Id = id, State = DeviceState.Online };
}
