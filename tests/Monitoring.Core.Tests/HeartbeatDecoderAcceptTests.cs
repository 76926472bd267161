using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class HeartbeatDecoderAcceptTests
{
    private const string ContractExample = """
        {
          "v": 1,
          "ts": "2026-11-22T18:00:00Z",
          "seq": 1234,
          "kind": "gateway",
          "interval_s": 30,
          "model": "HB-200",
          "fw": "2.4.1",
          "site": "site-17",
          "customer": "cust-9",
          "uptime_s": 86400,
          "metrics": { "rssi_dbm": -61, "latency_ms": 23.5, "loss_pct": 0.4, "battery_pct": 88 },
          "children": [
            { "id": "sensor-1", "online": true,  "metrics": { "rssi_dbm": -70, "battery_pct": 40 } },
            { "id": "sensor-2", "online": false }
          ]
        }
        """;

    private readonly HeartbeatDecoder _decoder = new(new ProtocolLimits());

    [Fact]
    public void Decode_EmptyObject_AcceptedWithDefaults()
    {
        var heartbeat = Accept("{}");

        Assert.Equal(1, heartbeat.Version);
        Assert.Null(heartbeat.DeviceTime);
        Assert.Null(heartbeat.Sequence);
        Assert.Null(heartbeat.Kind);
        Assert.Null(heartbeat.IntervalSeconds);
        Assert.Null(heartbeat.Model);
        Assert.Null(heartbeat.Firmware);
        Assert.Null(heartbeat.Site);
        Assert.Null(heartbeat.Customer);
        Assert.Null(heartbeat.UptimeSeconds);
        Assert.Empty(heartbeat.Metrics);
        Assert.Empty(heartbeat.Children);
    }

    [Fact]
    public void Decode_ContractExample_MapsEveryField()
    {
        var heartbeat = Accept(ContractExample);

        Assert.Equal(1, heartbeat.Version);
        Assert.Equal(Given.T0, heartbeat.DeviceTime);
        Assert.Equal(1234, heartbeat.Sequence);
        Assert.Equal(DeviceKind.Gateway, heartbeat.Kind);
        Assert.Equal(30, heartbeat.IntervalSeconds);
        Assert.Equal("HB-200", heartbeat.Model);
        Assert.Equal("2.4.1", heartbeat.Firmware);
        Assert.Equal("site-17", heartbeat.Site);
        Assert.Equal("cust-9", heartbeat.Customer);
        Assert.Equal(86400, heartbeat.UptimeSeconds);
        Assert.Equal(
            [new Metric("rssi_dbm", -61), new Metric("latency_ms", 23.5), new Metric("loss_pct", 0.4), new Metric("battery_pct", 88)],
            heartbeat.Metrics);
        Assert.Equal(2, heartbeat.Children.Count);
        var first = heartbeat.Children[0];
        Assert.Equal("sensor-1", first.Id);
        Assert.True(first.Online);
        Assert.Equal([new Metric("rssi_dbm", -70), new Metric("battery_pct", 40)], first.Metrics);
        var second = heartbeat.Children[1];
        Assert.Equal("sensor-2", second.Id);
        Assert.False(second.Online);
        Assert.Empty(second.Metrics);
    }

    [Fact]
    public void Decode_PayloadExactlyAtLimit_Accepted()
    {
        var payload = PaddedTo(16 * 1024);

        Assert.True(_decoder.Decode(payload).IsAccepted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(86400)]
    public void Decode_IntervalAtBoundary_Accepted(int seconds) =>
        Assert.Equal(seconds, Accept($$"""{"interval_s":{{seconds}}}""").IntervalSeconds);

    [Fact]
    public void Decode_64Metrics_AcceptsAll() =>
        Assert.Equal(64, Accept($$"""{"metrics":{{Given.MetricsJson(64)}}}""").Metrics.Count);

    [Fact]
    public void Decode_MetricNameOf64Characters_Accepted()
    {
        var name = "m" + new string('_', 63);

        Assert.Equal(name, Assert.Single(Accept("{\"metrics\":{\"" + name + "\":1}}").Metrics).Name);
    }

    [Fact]
    public void Decode_1024Children_AcceptsAll()
    {
        var decoder = new HeartbeatDecoder(new ProtocolLimits { MaxPayloadBytes = 1 << 20 });

        var result = decoder.Decode(Given.Utf8($$"""{"kind":"gateway","children":{{Given.ChildrenJson(1024)}}}"""));

        Assert.True(result.IsAccepted, result.Rejection?.Detail);
        Assert.Equal(1024, result.Value.Children.Count);
        Assert.Equal("c1023", result.Value.Children[^1].Id);
    }

    [Fact]
    public void Decode_StringOf128Characters_Accepted()
    {
        var model = new string('M', 128);

        Assert.Equal(model, Accept($$"""{"model":"{{model}}"}""").Model);
    }

    [Fact]
    public void Decode_TimestampWithOffset_ConvertedToUtc() =>
        Assert.Equal(Given.T0, Accept("""{"ts":"2026-11-22T20:00:00+02:00"}""").DeviceTime);

    [Fact]
    public void Decode_TimestampAsEpochMilliseconds_Accepted() =>
        Assert.Equal(Given.T0.AddMilliseconds(5), Accept($$"""{"ts":{{Given.T0.ToUnixTimeMilliseconds() + 5}}}""").DeviceTime);

    [Fact]
    public void Decode_UnknownFields_IgnoredAndKnownFieldsStillRead()
    {
        var heartbeat = Accept("""{"firmware_channel":"beta","extra":{"nested":[1,2,{"x":null}]},"seq":7,"later":true}""");

        Assert.Equal(7, heartbeat.Sequence);
    }

    [Fact]
    public void Decode_NullFields_TreatedAsAbsent()
    {
        var heartbeat = Accept("""
            {"v":null,"ts":null,"seq":null,"kind":null,"interval_s":null,"model":null,"fw":null,
             "site":null,"customer":null,"uptime_s":null,"metrics":null,"children":null}
            """);

        Assert.Equal(Heartbeat.Empty, heartbeat with { Metrics = Heartbeat.Empty.Metrics, Children = Heartbeat.Empty.Children });
        Assert.Empty(heartbeat.Metrics);
        Assert.Empty(heartbeat.Children);
    }

    [Fact]
    public void Decode_ChildWithNullOnline_LeavesOnlineUnsaid()
    {
        var child = Assert.Single(Accept("""{"children":[{"id":"s1","online":null}]}""").Children);

        Assert.Null(child.Online);
    }

    [Fact]
    public void Decode_WhitespaceAroundObject_Accepted() =>
        Assert.Equal(3, Accept(" \r\n\t{\"seq\":3} \n").Sequence);

    private Heartbeat Accept(string json)
    {
        var result = _decoder.Decode(Given.Utf8(json));

        Assert.True(result.IsAccepted, result.Rejection?.Detail);
        return result.Value;
    }

    /// <summary>A valid heartbeat of exactly <paramref name="bytes"/> bytes: an unknown field padded with spaces.</summary>
    internal static byte[] PaddedTo(int bytes)
    {
        const string prefix = "{\"pad\":\"";
        const string suffix = "\"}";
        var json = prefix + new string('x', bytes - prefix.Length - suffix.Length) + suffix;
        var payload = Given.Utf8(json);
        Assert.Equal(bytes, payload.Length);
        return payload;
    }
}
