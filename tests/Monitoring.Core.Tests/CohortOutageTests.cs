using Monitoring.Core.Cases;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class CohortOutageTests
{
    private readonly FleetScenario _fleet = new();

    private void Device(string id, string site, string fw) =>
        _fleet.Heartbeat(id, new Heartbeat { Site = site, Model = "HB-200", Firmware = fw, IntervalSeconds = 10 });

    /// <summary>Three sites of four devices: two on the new firmware, two on the old.</summary>
    private void FleetUp(Func<string, bool>? silent = null)
    {
        foreach (var site in new[] { "s1", "s2", "s3" })
        {
            for (var i = 0; i < 4; i++)
            {
                var id = $"{site}-d{i}";
                if (silent?.Invoke(id) != true)
                {
                    Device(id, site, i < 2 ? "2.4.1" : "2.3.0");
                }
            }
        }
    }

    [Fact]
    public void NewFirmwareDropsOnEverySite_OneCohortCase()
    {
        FleetUp();
        _fleet.RunFor(TimeSpan.FromMinutes(2), () => FleetUp(silent: id => id.EndsWith("d0", StringComparison.Ordinal) || id.EndsWith("d1", StringComparison.Ordinal)));

        var only = Assert.Single(_fleet.Cases);
        Assert.Equal((CaseKind.CohortOutage, CaseSubject.Cohort, "HB-200/2.4.1"), (only.Kind, only.Subject.Type, only.Subject.Id));
        Assert.Equal(6, only.Devices.Count);
        Assert.Contains("firmware", only.SuspectedCause);
        Assert.Equal("HB-200 on firmware 2.4.1: 6 devices down across 3 sites", only.Title);
    }

    [Fact]
    public void CohortOnOneSiteOnly_NotACohortOutage()
    {
        FleetUp();
        _fleet.RunFor(TimeSpan.FromMinutes(2), () => FleetUp(silent: id => id.StartsWith("s1-d", StringComparison.Ordinal) && id[^1] is '0' or '1'));

        Assert.All(_fleet.Cases, c => Assert.Equal(CaseKind.DeviceOffline, c.Kind));
    }
}
