using Monitoring.Core.Devices;

namespace Monitoring.Core.Tests;

public sealed class AvailabilityTests
{
    private static readonly DateTimeOffset From = Given.T0;
    private static readonly DateTimeOffset To = Given.T0.AddHours(10);

    private static DeviceEvent Event(string device, double hours, string what) => new(Given.Tenant, device, From.AddHours(hours), what, "");

    [Fact]
    public void Compute_SteadyDevicesFromCounts()
    {
        var counts = new Dictionary<DeviceState, int> { [DeviceState.Online] = 3, [DeviceState.Offline] = 1, [DeviceState.Unknown] = 5 };

        Assert.Equal(0.75, Availability.Compute(counts, [], From, To));
    }

    [Fact]
    public void Compute_ChangedDevicesFromTheirEvents_UnreachableCountsAsDown()
    {
        // d1 down for 2 h of 10; d2 unreachable for the last 5 h; d3 online throughout.
        var counts = new Dictionary<DeviceState, int> { [DeviceState.Online] = 2, [DeviceState.Unreachable] = 1 };
        DeviceEvent[] events = [Event("d1", 1, DeviceEvent.WentOffline), Event("d1", 3, DeviceEvent.WentOnline), Event("d2", 5, DeviceEvent.WentUnreachable)];

        Assert.Equal((8 + 5 + 10) / 30.0, Availability.Compute(counts, events, From, To)!.Value, 6);
    }

    [Fact]
    public void Compute_FirstSeenInWindow_CountsOnlyFromThen()
    {
        var counts = new Dictionary<DeviceState, int> { [DeviceState.Online] = 1 };

        Assert.Equal(1.0, Availability.Compute(counts, [Event("d1", 6, DeviceEvent.FirstSeen)], From, To));
    }

    [Fact]
    public void Compute_NothingWatched_Null()
    {
        Assert.Null(Availability.Compute(new Dictionary<DeviceState, int> { [DeviceState.Unknown] = 4 }, [], From, To));
    }
}
