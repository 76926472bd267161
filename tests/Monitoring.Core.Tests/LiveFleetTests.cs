using Monitoring.Core.Devices;

namespace Monitoring.Core.Tests;

public sealed class LiveFleetTests
{
    private static readonly DeviceKey Key = new(Given.Tenant, "d1");
    private readonly LiveFleet _fleet = new();

    [Fact]
    public void Update_UnknownDevice_CreatesItFromFactory()
    {
        var result = _fleet.Update(Key, "HB-200", (d, model) => new DeviceChange(d with { Model = model }, null),
            k => DeviceStateMachine.NewDevice(k.Tenant, k.Id));

        Assert.Equal(1, _fleet.Count);
        var stored = _fleet.Find(Key);
        Assert.Same(result.Device, stored);
        Assert.Equal(("acme", "d1", "HB-200"), (stored!.Tenant, stored.Id, stored.Model));
    }

    [Fact]
    public void Update_KnownDevice_AppliesToLatestRecordWithoutFactory()
    {
        _fleet.Load(Given.Online("d1", Given.T0) with { Site = "site-17" });

        _fleet.Update(Key, 0, (d, _) => new DeviceChange(d with { Model = "HB-200" }, null),
            _ => throw new InvalidOperationException("factory called for a known device"));

        var stored = _fleet.Find(Key)!;
        Assert.Equal(("site-17", "HB-200"), (stored.Site, stored.Model));
    }

    [Fact]
    public void Update_ConcurrentChangeDuringChange_RetriesAndKeepsBoth()
    {
        var original = Given.Online("d1", Given.T0);
        _fleet.Load(original);
        var calls = 0;

        var result = _fleet.Update(Key, "HB-200", (current, model) =>
        {
            if (calls++ == 0)
            {
                // Another writer (the detector, say) swaps the record while this change is being computed.
                Assert.True(_fleet.TryReplace(current, current with { Site = "site-17" }));
            }

            return new DeviceChange(current with { Model = model }, null);
        }, _ => throw new InvalidOperationException("factory called for a known device"));

        Assert.Equal(2, calls);
        var stored = _fleet.Find(Key)!;
        Assert.Same(result.Device, stored);
        Assert.Equal(("site-17", "HB-200"), (stored.Site, stored.Model));
    }

    [Fact]
    public void Update_ChangeReturningSameRecord_LeavesRecordInPlace()
    {
        var original = Given.Online("d1", Given.T0);
        _fleet.Load(original);

        var result = _fleet.Update(Key, 0, (d, _) => new DeviceChange(d, null), _ => throw new InvalidOperationException());

        Assert.Same(original, result.Device);
        Assert.Same(original, _fleet.Find(Key));
    }

    [Fact]
    public void TryReplace_StaleExpectedRecord_FailsAndKeepsNewer()
    {
        var original = Given.Online("d1", Given.T0);
        _fleet.Load(original);
        var newer = original with { Model = "HB-200" };
        Assert.True(_fleet.TryReplace(original, newer));

        var replaced = _fleet.TryReplace(original, original with { Site = "site-17" });

        Assert.False(replaced);
        Assert.Same(newer, _fleet.Find(Key));
    }

    [Fact]
    public void TryReplace_EqualButNotSameRecord_Fails()
    {
        var original = Given.Online("d1", Given.T0);
        _fleet.Load(original);

        Assert.False(_fleet.TryReplace(original with { }, original with { Model = "HB-200" }));
        Assert.Same(original, _fleet.Find(Key));
    }

    [Fact]
    public void TryReplace_UnknownDevice_Fails()
    {
        Assert.False(_fleet.TryReplace(Given.Online("d1", Given.T0), Given.Online("d1", Given.T0.AddSeconds(1))));
        Assert.Null(_fleet.Find(Key));
    }

    [Fact]
    public void All_AfterUpdates_ListsEveryDeviceOnce()
    {
        foreach (var id in new[] { "a", "b", "c", "a" })
        {
            _fleet.Update(new DeviceKey(Given.Tenant, id), 0, (d, _) => new DeviceChange(d with { Model = "m" }, null),
                k => DeviceStateMachine.NewDevice(k.Tenant, k.Id));
        }

        Assert.Equal(["a", "b", "c"], _fleet.All().Select(d => d.Id).Order(StringComparer.Ordinal));
    }
}
