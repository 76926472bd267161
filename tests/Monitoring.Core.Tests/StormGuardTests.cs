using Monitoring.Core.Cases;
using Monitoring.Core.Detection;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class StormGuardTests
{
    private const int Devices = 40;
    private readonly FleetScenario _fleet = new();

    private void FleetUp(int from = 0, int count = Devices)
    {
        for (var i = from; i < from + count; i++)
        {
            _fleet.Heartbeat($"d{i:00}", new Heartbeat { IntervalSeconds = 10, Site = $"site-{i}" });
        }
    }

    [Fact]
    public void MoreThanStormFractionSilentAtOnce_OneFleetIncidentAndNoDeviceCases()
    {
        FleetUp();
        _fleet.RunFor(TimeSpan.FromMinutes(3), () => FleetUp(from: 15, count: Devices - 15));

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal((CaseKind.FleetIncident, CaseSeverity.Critical), (only.Kind, only.Severity));
        Assert.Equal(15, only.Devices.Count);
    }

    [Fact]
    public void StormEnds_IncidentResolvesAndDevicesStillDownGetTheirOwnCases()
    {
        FleetUp();
        _fleet.RunFor(TimeSpan.FromMinutes(2), () => FleetUp(from: 15, count: Devices - 15));

        _fleet.RunFor(TimeSpan.FromMinutes(2), () => FleetUp(from: 1, count: Devices - 1));

        var incident = _fleet.Cases.Single(c => c.Kind == CaseKind.FleetIncident);
        Assert.Equal(CaseResolution.AutoRecovered, incident.Resolution);
        var own = Assert.Single(_fleet.Active);
        Assert.Equal((CaseKind.DeviceOffline, "d00"), (own.Kind, own.Subject.Id));
        Assert.Equal(incident.OutageStartedAt, own.OutageStartedAt);
    }

    [Fact]
    public void FewSilent_NoIncident()
    {
        FleetUp();
        _fleet.RunFor(TimeSpan.FromMinutes(2), () => FleetUp(from: 3, count: Devices - 3));

        Assert.Equal(3, _fleet.Cases.Count);
        Assert.All(_fleet.Cases, c => Assert.Equal(CaseKind.DeviceOffline, c.Kind));
    }

    [Fact]
    public void SmallTenant_NeverAStorm()
    {
        FleetUp(count: 10);
        _fleet.RunFor(TimeSpan.FromMinutes(2), () => FleetUp(from: 6, count: 4));

        Assert.Equal(6, _fleet.Cases.Count);
        Assert.DoesNotContain(_fleet.Cases, c => c.Kind == CaseKind.FleetIncident);
    }

    [Fact]
    public void RestartWhileAThirdOfTheFleetIsCutOff_GraceThenOneIncident()
    {
        // Restored from the store an hour old; the monitor has just connected.
        for (var i = 0; i < Devices; i++)
        {
            _fleet.Fleet.Load(Given.Online($"d{i:00}", Given.T0.AddHours(-1), intervalSeconds: 10));
        }

        _fleet.RunFor(TimeSpan.FromSeconds(25), () => FleetUp(from: 15, count: Devices - 15));
        Assert.Empty(_fleet.Cases);

        _fleet.RunFor(TimeSpan.FromMinutes(2), () => FleetUp(from: 15, count: Devices - 15));
        Assert.Equal(CaseKind.FleetIncident, Assert.Single(_fleet.Cases).Kind);
    }

    [Fact]
    public void MonitorNeverConnected_NoCaseAtAll()
    {
        var fleet = new FleetScenario(new DetectionOptions(), monitorConnected: false);
        for (var i = 0; i < Devices; i++)
        {
            fleet.Heartbeat($"d{i:00}", new Heartbeat { IntervalSeconds = 10 });
        }

        fleet.RunFor(TimeSpan.FromMinutes(3));

        Assert.Empty(fleet.Cases);
    }

    [Fact]
    public void JustOverStormFraction_WithIntervalsOfTwoLengths_StillOneIncident()
    {
        // 100 devices, half reporting every 10 s and half every 20 s: the slow ones are judged a minute after the fast ones.
        var fleet = new FleetScenario();
        void Up(Func<int, bool> silent)
        {
            for (var i = 0; i < 100; i++)
            {
                if (!silent(i))
                {
                    fleet.Heartbeat($"d{i:000}", new Heartbeat { IntervalSeconds = i % 2 == 0 ? 10 : 20, Site = $"s{i}" });
                }
            }
        }

        Up(_ => false);
        fleet.RunFor(TimeSpan.FromMinutes(4), () => Up(i => i < 31));

        Assert.Equal(CaseKind.FleetIncident, Assert.Single(fleet.Cases).Kind);
        Assert.Equal(31, fleet.Cases[0].Devices.Count);
    }
}
