using System.Text;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

/// <summary>Small builders shared by the tests: a fixed clock origin, payload text and device records.</summary>
internal static class Given
{
    public const string Tenant = "acme";

    /// <summary>The instant of the contract's example heartbeat; every test's clock starts here.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A JSON object of <paramref name="count"/> well-formed metrics <c>m0 … m{n-1}</c>.</summary>
    public static string MetricsJson(int count) =>
        "{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"m{i}\":{i}")) + "}";

    /// <summary>A JSON array of <paramref name="count"/> children <c>c0 … c{n-1}</c>.</summary>
    public static string ChildrenJson(int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $"{{\"id\":\"c{i}\",\"online\":true}}")) + "]";

    public static DeviceRecord Online(string id, DateTimeOffset lastSeen, int? intervalSeconds = null) => new()
    {
        Tenant = Tenant,
        Id = id,
        State = DeviceState.Online,
        StateSince = lastSeen,
        LastSeen = lastSeen,
        IntervalSeconds = intervalSeconds,
    };

    public static Heartbeat HeartbeatWith(params Metric[] metrics) => new() { Metrics = metrics };
}
