namespace Monitoring.Core.Devices;

/// <summary>
/// The share of device-time a fleet was up over a window, from each device's state changes in it and its state now.
/// Time before a device was first seen, and devices never seen, do not count; unreachable time counts as down.
/// </summary>
public static class Availability
{
    /// <summary>
    /// From the tenant's counts by state and the state changes in the window: a device that did not change was in its
    /// present state all along, so the fleet need not be read device by device.
    /// </summary>
    /// <returns>A ratio in [0, 1], or null when no device was watched during the window.</returns>
    public static double? Compute(IReadOnlyDictionary<DeviceState, int> counts, IReadOnlyList<DeviceEvent> events, DateTimeOffset from, DateTimeOffset to)
    {
        var byDevice = ByDevice(events);
        var steady = new Dictionary<DeviceState, int>(counts);
        double up = 0, watched = 0;
        foreach (var changes in byDevice.Values)
        {
            var (u, w) = UpTime(DeviceState.Unknown, changes, from, to);
            up += u;
            watched += w;
            var now = StateAfter(changes[^1]);
            steady[now] = steady.GetValueOrDefault(now) - 1;
        }

        var span = (to - from).TotalSeconds;
        var online = Math.Max(0, steady.GetValueOrDefault(DeviceState.Online));
        var down = Math.Max(0, steady.GetValueOrDefault(DeviceState.Offline)) + Math.Max(0, steady.GetValueOrDefault(DeviceState.Unreachable));
        up += online * span;
        watched += (online + down) * span;
        return watched <= 0 ? null : up / watched;
    }

    private static DeviceState StateAfter(DeviceEvent e) => e.Event switch
    {
        DeviceEvent.WentOffline => DeviceState.Offline,
        DeviceEvent.WentUnreachable => DeviceState.Unreachable,
        _ => DeviceState.Online,
    };

    private static bool IsDown(string e) => e is DeviceEvent.WentOffline or DeviceEvent.WentUnreachable;

    private static Dictionary<string, List<DeviceEvent>> ByDevice(IReadOnlyList<DeviceEvent> events)
    {
        var byDevice = new Dictionary<string, List<DeviceEvent>>();
        foreach (var e in events)
        {
            if (!byDevice.TryGetValue(e.DeviceId, out var list))
            {
                byDevice[e.DeviceId] = list = [];
            }

            list.Add(e);
        }

        foreach (var list in byDevice.Values)
        {
            list.Sort((a, b) => a.At.CompareTo(b.At));
        }

        return byDevice;
    }

    private static (double Up, double Watched) UpTime(DeviceState state, List<DeviceEvent>? events, DateTimeOffset from, DateTimeOffset to)
    {
        if (events is null || events.Count == 0)
        {
            var span = (to - from).TotalSeconds;
            return state switch
            {
                DeviceState.Online => (span, span),
                DeviceState.Offline or DeviceState.Unreachable => (0, span),
                _ => (0, 0),
            };
        }

        bool? isUp = events[0].Event switch
        {
            DeviceEvent.FirstSeen => null,
            DeviceEvent.WentOffline or DeviceEvent.WentUnreachable => true,
            _ => false,
        };
        double up = 0, watched = 0;
        var cursor = from;
        foreach (var e in events)
        {
            Account(isUp, cursor, e.At, ref up, ref watched);
            cursor = e.At;
            isUp = !IsDown(e.Event);
        }

        Account(isUp, cursor, to, ref up, ref watched);
        return (up, watched);
    }

    private static void Account(bool? isUp, DateTimeOffset start, DateTimeOffset end, ref double up, ref double watched)
    {
        if (isUp is not { } u || end <= start)
        {
            return;
        }

        var seconds = (end - start).TotalSeconds;
        watched += seconds;
        if (u)
        {
            up += seconds;
        }
    }
}
