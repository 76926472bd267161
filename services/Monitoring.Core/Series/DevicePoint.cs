using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Series;

/// <summary>
/// One point of a device's time series, before it is encoded: a heartbeat's metrics (<c>device_metrics</c>, with
/// <c>up</c>) or a state change (<c>device_state</c>). It holds references to what ingestion already has — the device's
/// record and the decoded metric list — so recording a point copies nothing.
/// </summary>
public readonly record struct DevicePoint(DeviceRecord Device, long TimestampMs, IReadOnlyList<Metric> Metrics, bool Up, string? State)
{
    public bool IsState => State is not null;

    public static DevicePoint Heartbeat(DeviceRecord device, IReadOnlyList<Metric> metrics, bool up, DateTimeOffset at) =>
        new(device, at.ToUnixTimeMilliseconds(), metrics, up, null);

    public static DevicePoint StateChange(DeviceRecord device, string state, DateTimeOffset at) =>
        new(device, at.ToUnixTimeMilliseconds(), [], false, state);
}
