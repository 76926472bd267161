using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Tests;

public sealed class LiveFleetDueTests
{
    private static readonly DetectionOptions Options = new() { MissedHeartbeats = 3, DefaultInterval = TimeSpan.FromSeconds(60) };
    private readonly LiveFleet _fleet = new(Options);

    [Fact]
    public void Due_OnlineDevice_ListedOnceHalfAnIntervalLate()
    {
        _fleet.Load(Given.Online("d1", Given.T0, intervalSeconds: 10));

        Assert.Empty(_fleet.Due(Given.T0.AddSeconds(15) - Given.Tick));
        Assert.Equal(["d1"], _fleet.Due(Given.T0.AddSeconds(15)).Select(d => d.Id));
    }

    [Fact]
    public void Due_OneMissedHeartbeatJudges_ListedAtItsDeadline()
    {
        var fleet = new LiveFleet(new DetectionOptions { MissedHeartbeats = 1 });
        fleet.Load(Given.Online("d1", Given.T0, intervalSeconds: 10));

        Assert.Empty(fleet.Due(Given.T0.AddSeconds(10) - Given.Tick));
        Assert.Single(fleet.Due(Given.T0.AddSeconds(10)));
    }

    [Fact]
    public void Due_DeviceWithoutInterval_UsesDefaultInterval()
    {
        _fleet.Load(Given.Online("d1", Given.T0));

        Assert.Empty(_fleet.Due(Given.T0.AddSeconds(89)));
        Assert.Single(_fleet.Due(Given.T0.AddSeconds(90)));
    }

    [Fact]
    public void Due_DownDevices_ListedAtEveryPass_UnknownNever()
    {
        _fleet.Load(Given.Online("up", Given.T0));
        _fleet.Load(new DeviceRecord { Tenant = Given.Tenant, Id = "off", State = DeviceState.Offline, StateSince = Given.T0 });
        _fleet.Load(new DeviceRecord { Tenant = Given.Tenant, Id = "gone", State = DeviceState.Unreachable, StateSince = Given.T0 });
        _fleet.Load(new DeviceRecord { Tenant = Given.Tenant, Id = "new", State = DeviceState.Unknown });

        Assert.Equal(["gone", "off"], _fleet.Due(Given.T0).Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Due_AfterHeartbeatMovesDeadline_FollowsTheLatestRecord()
    {
        var key = new DeviceKey(Given.Tenant, "d1");
        _fleet.Load(Given.Online("d1", Given.T0, intervalSeconds: 10));

        _fleet.Update(key, 0, (d, _) => new DeviceChange(d with { LastSeen = Given.T0.AddSeconds(20) }, null), _ => throw new InvalidOperationException());

        Assert.Empty(_fleet.Due(Given.T0.AddSeconds(34)));
        Assert.Single(_fleet.Due(Given.T0.AddSeconds(35)));
    }

    [Fact]
    public void Due_ManyDevicesAcrossChunks_ListsExactlyThoseDue()
    {
        for (var i = 0; i < 40_000; i++)
        {
            var lastSeen = i % 1000 == 0 ? Given.T0 : Given.T0.AddMinutes(10);
            _fleet.Load(Given.Online($"d{i}", lastSeen, intervalSeconds: 10));
        }

        var due = _fleet.Due(Given.T0.AddMinutes(1));

        Assert.Equal(40, due.Count);
        Assert.All(due, d => Assert.Equal(Given.T0, d.LastSeen));
    }

    [Fact]
    public void CountIn_FollowsStateChanges()
    {
        var key = new DeviceKey(Given.Tenant, "d1");
        _fleet.Load(Given.Online("d1", Given.T0));
        _fleet.Load(Given.Online("d2", Given.T0));

        _fleet.Update(key, 0, (d, _) => new DeviceChange(d with { State = DeviceState.Offline }, null), _ => throw new InvalidOperationException());
        _fleet.Load(Given.Online("d2", Given.T0.AddSeconds(1)));

        Assert.Equal((1L, 1L, 0L), (_fleet.CountIn(DeviceState.Online), _fleet.CountIn(DeviceState.Offline), _fleet.CountIn(DeviceState.Unknown)));
    }

    [Fact]
    public async Task CountIn_ConcurrentWritersOnOneDevice_StaysExact()
    {
        var key = new DeviceKey(Given.Tenant, "d1");
        _fleet.Load(Given.Online("d1", Given.T0));
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var state = (i + w) % 2 == 0 ? DeviceState.Offline : DeviceState.Online;
                _fleet.Update(key, state, (d, s) => new DeviceChange(d with { State = s, LastSeen = Given.T0 }, null), _ => throw new InvalidOperationException());
            }
        }));
        await Task.WhenAll(writers);

        var final = _fleet.Find(key)!;
        Assert.Equal(1, _fleet.CountIn(final.State));
        Assert.Equal(1, _fleet.CountIn(DeviceState.Online) + _fleet.CountIn(DeviceState.Offline));
        Assert.Equal(final.State == DeviceState.Offline, _fleet.Due(Given.T0).Count == 1);
    }
}
