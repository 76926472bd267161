using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Benchmarks.Micro;

/// <summary>Registry-shaped device records like the simulator's fleet: ids dev-0000000…, 50 devices a site, 10 a customer.</summary>
internal static class SyntheticFleet
{
    public static string Id(int i) => $"dev-{i:D7}";

    public static DeviceRecord Device(string tenant, int i, DeviceState state, DateTimeOffset lastSeen, int intervalSeconds) => new()
    {
        Tenant = tenant,
        Id = Id(i),
        Kind = DeviceKind.Device,
        Site = $"site-{i / 50:D5}",
        Customer = $"cust-{i / 10:D6}",
        Model = i % 3 == 0 ? "HB-200" : "SN-10",
        Firmware = "2.4.1",
        IntervalSeconds = intervalSeconds,
        State = state,
        StateSince = lastSeen,
        LastSeen = lastSeen,
        OutageStartedAt = state == DeviceState.Offline ? lastSeen : null,
        DownCause = state == DeviceState.Offline ? DownCause.Silence : null,
        UptimeSeconds = 86_400 + i,
        Metrics = [new Metric(MetricNames.RssiDbm, -61), new Metric(MetricNames.LatencyMs, 23.5), new Metric(MetricNames.LossPct, 0.4)],
    };
}
