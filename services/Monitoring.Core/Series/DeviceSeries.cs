using Monitoring.Core.Devices;

namespace Monitoring.Core.Series;

/// <summary>The measurements of CONTRACT §5 and how a <see cref="DevicePoint"/> becomes a line of them.</summary>
public static class DeviceSeries
{
    public const string Metrics = "device_metrics";
    public const string State = "device_state";
    public const string UpField = "up";
    public const string StateField = "state";

    public static void Write(LineProtocolBuffer lines, in DevicePoint point)
    {
        var device = point.Device;
        lines.Begin(point.IsState ? State : Metrics)
            .Tag("tenant", device.Tenant)
            .Tag("device", device.Id)
            .Tag("site", device.Site)
            .Tag("model", device.Model)
            .Tag("fw", device.Firmware)
            .Tag("kind", device.Kind.Name());
        if (point.State is { } state)
        {
            lines.Field(StateField, state);
        }
        else
        {
            var metrics = point.Metrics;
            for (var i = 0; i < metrics.Count; i++)
            {
                lines.Field(metrics[i].Name, metrics[i].Value);
            }

            lines.Field(UpField, point.Up ? 1L : 0L);
        }

        lines.End(point.TimestampMs);
    }

    /// <summary>The state a timeline entry leaves the device in: a blip and a first sighting end online.</summary>
    public static string StateAfter(DeviceEvent change) =>
        change.Event == DeviceEvent.WentOffline ? DeviceState.Offline.Name() : DeviceState.Online.Name();

    /// <summary>
    /// The time that stamps a heartbeat's metrics: the device's own <c>ts</c> when it is within <paramref name="maxSkew"/>
    /// of the server's clock, else the receive time.
    /// </summary>
    public static DateTimeOffset Stamp(DateTimeOffset? deviceTime, DateTimeOffset receivedAt, TimeSpan maxSkew) =>
        deviceTime is { } ts && (ts - receivedAt).Duration() <= maxSkew ? ts : receivedAt;
}
