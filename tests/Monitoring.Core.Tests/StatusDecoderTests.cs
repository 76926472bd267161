using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class StatusDecoderTests
{
    private readonly StatusDecoder _decoder = new(new ProtocolLimits());

    [Theory]
    [InlineData("{\"state\":\"online\"}", true)]
    [InlineData("{\"state\":\"offline\"}", false)]
    [InlineData("{\"device\":\"gw-7\",\"state\":\"offline\",\"extra\":[1]}", false)]
    public void Decode_JsonForm_ReadsState(string payload, bool online) =>
        Assert.Equal(new StatusReport(online), Accept(payload));

    [Theory]
    [InlineData("online", true)]
    [InlineData("offline", false)]
    public void Decode_PlainForm_ReadsState(string payload, bool online) =>
        Assert.Equal(new StatusReport(online), Accept(payload));

    [Theory]
    [InlineData(" online\n", true)]
    [InlineData("\r\n\toffline \t", false)]
    [InlineData("  { \"state\" : \"offline\" }\n", false)]
    [InlineData("\n{\"state\":\"online\"}  ", true)]
    public void Decode_SurroundingWhitespace_Ignored(string payload, bool online) =>
        Assert.Equal(new StatusReport(online), Accept(payload));

    [Theory]
    [InlineData("{\"state\":\"sleeping\"}")]
    [InlineData("{\"state\":\"Online\"}")]
    [InlineData("{\"state\":\"\"}")]
    public void Decode_UnknownState_RejectsAsValue(string payload) =>
        Assert.Equal(RejectionReason.Value, Reason(payload));

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"status\":\"online\"}")]
    public void Decode_MissingState_RejectsAsSchema(string payload) =>
        Assert.Equal(RejectionReason.Schema, Reason(payload));

    [Theory]
    [InlineData("{\"state\":true}")]
    [InlineData("{\"state\":1}")]
    [InlineData("{\"state\":null}")]
    [InlineData("{\"state\":[\"online\"]}")]
    [InlineData("{\"state\":{\"online\":true}}")]
    public void Decode_NonStringState_RejectsAsSchema(string payload) =>
        Assert.Equal(RejectionReason.Schema, Reason(payload));

    [Theory]
    [InlineData("")]
    [InlineData("up")]
    [InlineData("ONLINE")]
    [InlineData("online offline")]
    [InlineData("[\"online\"]")]
    [InlineData("\"online\"")]
    [InlineData("{\"state\":\"online\"")]
    [InlineData("{\"state\":\"online\"} x")]
    public void Decode_Garbage_RejectsAsJson(string payload) =>
        Assert.Equal(RejectionReason.Json, Reason(payload));

    [Fact]
    public void Decode_InvalidUtf8_RejectsAsJson()
    {
        byte[] payload = [0xFF, 0xFE, .. "online"u8];

        Assert.Equal(RejectionReason.Json, Reason(_decoder.Decode(payload)));
    }

    [Fact]
    public void Decode_PayloadOverLimit_RejectsAsTooLarge()
    {
        var decoder = new StatusDecoder(new ProtocolLimits { MaxPayloadBytes = 32 });
        var atLimit = Given.Utf8("{\"state\":\"online\"}".PadRight(32));
        var overLimit = Given.Utf8("{\"state\":\"online\"}".PadRight(33));

        Assert.True(decoder.Decode(atLimit).IsAccepted);
        Assert.Equal(RejectionReason.TooLarge, Reason(decoder.Decode(overLimit)));
    }

    private StatusReport Accept(string payload)
    {
        var result = _decoder.Decode(Given.Utf8(payload));

        Assert.True(result.IsAccepted, result.Rejection?.Detail);
        return result.Value;
    }

    private RejectionReason Reason(string payload) => Reason(_decoder.Decode(Given.Utf8(payload)));

    private static RejectionReason Reason(DecodeResult<StatusReport> result)
    {
        Assert.False(result.IsAccepted, "the status was accepted");
        return result.Rejection.Reason;
    }
}
