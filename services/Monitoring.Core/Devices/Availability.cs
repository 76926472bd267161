namespace Monitoring.Core.Devices;

/// <summary>
/// The share of device-time a fleet was up over a window, from each device's state changes in it and its state now.
/// Time before a device was first seen, and devices never seen, do not count.
/// </summary>
public static class Availability
{
    /// <returns>A ratio in [0, 1], or null when no device was watched during the window.</returns>
    public static double? Compute(IEnumerable<DeviceRecord> devices, IReadOnlyList<DeviceEvent> events, DateTimeOffset from, DateTimeOffset to)
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

        double up = 0, watched = 0;
        foreach (var device in devices)
        {
            var (u, w) = UpTime(device, byDevice.GetValueOrDefault(device.Id), from, to);
            up += u;
            watched += w;
        }

        return watched <= 0 ? null : up / watched;
    }

    private static (double Up, double Watched) UpTime(DeviceRecord device, List<DeviceEvent>? events, DateTimeOffset from, DateTimeOffset to)
    {
        if (events is null || events.Count == 0)
        {
            var span = (to - from).TotalSeconds;
            return device.State switch
            {
                DeviceState.Online => (span, span),
                DeviceState.Offline or DeviceState.Unreachable => (0, span),
                _ => (0, 0),
            };
        }

        events.Sort((a, b) => a.At.CompareTo(b.At));
        bool? isUp = events[0].Event switch
        {
            DeviceEvent.FirstSeen => null,
            DeviceEvent.WentOffline => true,
            _ => false,
        };
        double up = 0, watched = 0;
        var cursor = from;
        foreach (var e in events)
        {
            Account(isUp, cursor, e.At, ref up, ref watched);
            cursor = e.At;
            isUp = e.Event != DeviceEvent.WentOffline;
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
