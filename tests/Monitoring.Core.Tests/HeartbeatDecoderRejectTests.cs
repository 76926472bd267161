using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class HeartbeatDecoderRejectTests
{
    private readonly HeartbeatDecoder _decoder = new(new ProtocolLimits());

    [Fact]
    public void Decode_PayloadOneByteOverLimit_RejectsAsTooLarge()
    {
        var result = _decoder.Decode(HeartbeatDecoderAcceptTests.PaddedTo(16 * 1024 + 1));

        Assert.Equal(RejectionReason.TooLarge, Reason(result));
        Assert.Equal("too_large", Reason(result).Label());
    }

    [Fact]
    public void Decode_ConfiguredLimit_AppliesThatLimit()
    {
        var decoder = new HeartbeatDecoder(new ProtocolLimits { MaxPayloadBytes = 20 });

        Assert.True(decoder.Decode(HeartbeatDecoderAcceptTests.PaddedTo(20)).IsAccepted);
        Assert.Equal(RejectionReason.TooLarge, Reason(decoder.Decode(HeartbeatDecoderAcceptTests.PaddedTo(21))));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("[{\"v\":1}]")]
    [InlineData("42")]
    [InlineData("\"alive\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{} {}")]
    [InlineData("{\"v\":1} x")]
    [InlineData("{\"v\":1,\"metrics\":{\"rssi_dbm\":-61")]
    [InlineData("{\"seq\":")]
    [InlineData("{\"v\":1,}")]
    [InlineData("{'v':1}")]
    [InlineData("{\"v\":1 /* comment */}")]
    public void Decode_NotAJsonObject_RejectsAsJson(string payload) =>
        Assert.Equal(RejectionReason.Json, Reason(Decode(payload)));

    [Fact]
    public void Decode_InvalidUtf8_RejectsAsJson()
    {
        byte[] payload = [.. "{\"model\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Equal(RejectionReason.Json, Reason(_decoder.Decode(payload)));
    }

    [Theory]
    [InlineData("{\"v\":2}")]
    [InlineData("{\"v\":0}")]
    [InlineData("{\"v\":1.5}")]
    [InlineData("{\"v\":-1}")]
    public void Decode_UnknownVersion_RejectsAsVersion(string payload) =>
        Assert.Equal(RejectionReason.Version, Reason(Decode(payload)));

    [Theory]
    [InlineData("{\"kind\":\"robot\",\"v\":2}")]
    [InlineData("{\"metrics\":[1,2],\"v\":2}")]
    [InlineData("{\"interval_s\":0,\"v\":2}")]
    [InlineData("{\"children\":[{\"online\":true}],\"v\":2}")]
    public void Decode_UnknownVersionAfterBadField_ReportsVersion(string payload) =>
        Assert.Equal(RejectionReason.Version, Reason(Decode(payload)));

    [Fact]
    public void Decode_UnknownVersionBeforeBadField_ReportsVersion() =>
        Assert.Equal(RejectionReason.Version, Reason(Decode("{\"v\":2,\"model\":17}")));

    [Theory]
    [InlineData("{\"v\":\"1\"}")]
    [InlineData("{\"v\":true}")]
    [InlineData("{\"kind\":\"robot\"}")]
    [InlineData("{\"kind\":\"Gateway\"}")]
    [InlineData("{\"kind\":1}")]
    [InlineData("{\"model\":17}")]
    [InlineData("{\"fw\":[\"2.4.1\"]}")]
    [InlineData("{\"site\":{}}")]
    [InlineData("{\"customer\":false}")]
    [InlineData("{\"seq\":\"1\"}")]
    [InlineData("{\"interval_s\":\"30\"}")]
    [InlineData("{\"uptime_s\":true}")]
    [InlineData("{\"ts\":true}")]
    [InlineData("{\"metrics\":[]}")]
    [InlineData("{\"metrics\":\"rssi_dbm=-61\"}")]
    [InlineData("{\"metrics\":{\"rssi_dbm\":\"-61\"}}")]
    [InlineData("{\"metrics\":{\"rssi_dbm\":null}}")]
    [InlineData("{\"metrics\":{\"rssi_dbm\":{\"v\":1}}}")]
    [InlineData("{\"children\":{}}")]
    [InlineData("{\"children\":[\"sensor-1\"]}")]
    [InlineData("{\"children\":[{\"id\":\"s1\",\"online\":\"yes\"}]}")]
    [InlineData("{\"children\":[{\"id\":\"s1\",\"metrics\":{\"Rssi\":1}}]}")]
    public void Decode_FieldOfWrongType_RejectsAsSchema(string payload) =>
        Assert.Equal(RejectionReason.Schema, Reason(Decode(payload)));

    [Theory]
    [InlineData("Rssi")]
    [InlineData("1abc")]
    [InlineData("_rssi")]
    [InlineData("rssi-dbm")]
    [InlineData("")]
    public void Decode_BadMetricName_RejectsAsSchema(string name)
    {
        Assert.Equal(RejectionReason.Schema, Reason(Decode("{\"metrics\":{\"" + name + "\":1}}")));
    }

    [Fact]
    public void Decode_MetricNameOf65Characters_RejectsAsSchema()
    {
        var name = "m" + new string('a', 64);

        Assert.Equal(RejectionReason.Schema, Reason(Decode("{\"metrics\":{\"" + name + "\":1}}")));
    }

    [Fact]
    public void Decode_65Metrics_RejectsAsSchema() =>
        Assert.Equal(RejectionReason.Schema, Reason(Decode($$"""{"metrics":{{Given.MetricsJson(65)}}}""")));

    [Fact]
    public void Decode_1025Children_RejectsAsSchema()
    {
        var decoder = new HeartbeatDecoder(new ProtocolLimits { MaxPayloadBytes = 1 << 20 });

        var result = decoder.Decode(Given.Utf8($$"""{"kind":"gateway","children":{{Given.ChildrenJson(1025)}}}"""));

        Assert.Equal(RejectionReason.Schema, Reason(result));
    }

    [Theory]
    [InlineData("{\"children\":[{\"online\":false}]}")]
    [InlineData("{\"children\":[{\"id\":null}]}")]
    [InlineData("{\"children\":[{\"id\":7}]}")]
    [InlineData("{\"children\":[{\"id\":\"\"}]}")]
    [InlineData("{\"children\":[{\"id\":\"sensor 1\"}]}")]
    [InlineData("{\"children\":[{\"id\":\"gw/1\"}]}")]
    [InlineData("{\"children\":[{\"id\":\"s+\"}]}")]
    [InlineData("{\"children\":[{\"id\":\"sensör\"}]}")]
    public void Decode_ChildWithoutValidId_RejectsAsSchema(string payload) =>
        Assert.Equal(RejectionReason.Schema, Reason(Decode(payload)));

    [Fact]
    public void Decode_ChildrenOnKindDevice_RejectsAsSchema() =>
        Assert.Equal(RejectionReason.Schema, Reason(Decode("""{"kind":"device","children":[{"id":"s1","online":true}]}""")));

    [Theory]
    [InlineData("{\"interval_s\":0}")]
    [InlineData("{\"interval_s\":86401}")]
    [InlineData("{\"interval_s\":-30}")]
    [InlineData("{\"interval_s\":30.5}")]
    [InlineData("{\"interval_s\":1e10}")]
    public void Decode_IntervalOutOfRange_RejectsAsValue(string payload) =>
        Assert.Equal(RejectionReason.Value, Reason(Decode(payload)));

    [Theory]
    [InlineData("model")]
    [InlineData("fw")]
    [InlineData("site")]
    [InlineData("customer")]
    public void Decode_StringOf129Characters_RejectsAsValue(string field) =>
        Assert.Equal(RejectionReason.Value, Reason(Decode($$"""{"{{field}}":"{{new string('x', 129)}}"}""")));

    [Theory]
    [InlineData("{\"ts\":\"yesterday\"}")]
    [InlineData("{\"ts\":\"2026-13-40T18:00:00Z\"}")]
    [InlineData("{\"ts\":\"2026-11-22T18:00:00\"}")]
    [InlineData("{\"ts\":\"2026-11-22\"}")]
    [InlineData("{\"ts\":\"\"}")]
    [InlineData("{\"ts\":-1}")]
    [InlineData("{\"ts\":1.5}")]
    [InlineData("{\"ts\":1e20}")]
    public void Decode_BadTimestamp_RejectsAsValue(string payload) =>
        Assert.Equal(RejectionReason.Value, Reason(Decode(payload)));

    [Theory]
    [InlineData("{\"uptime_s\":-1}")]
    [InlineData("{\"seq\":-1}")]
    public void Decode_NegativeCounter_RejectsAsValue(string payload) =>
        Assert.Equal(RejectionReason.Value, Reason(Decode(payload)));

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void Decode_MetricNotFinite_RejectsAsValue(string number) =>
        Assert.Equal(RejectionReason.Value, Reason(Decode("{\"metrics\":{\"rssi_dbm\":" + number + "}}")));

    [Fact]
    public void Decode_BadPayload_CarriesNoValue()
    {
        var result = Decode("""{"model":"HB-200","interval_s":0}""");

        Assert.False(result.IsAccepted);
        Assert.Null(result.Value);
        Assert.Contains("interval_s", result.Rejection.Detail, StringComparison.Ordinal);
    }

    private DecodeResult<Heartbeat> Decode(string json) => _decoder.Decode(Given.Utf8(json));

    private static RejectionReason Reason(DecodeResult<Heartbeat> result)
    {
        Assert.False(result.IsAccepted, "the payload was accepted");
        return result.Rejection.Reason;
    }
}
