using System.Text.Json;
using System.Text.Unicode;

namespace Monitoring.Core.Protocol;

/// <summary>Decodes a <c>status</c> message: <c>{"state":"online"|"offline"}</c>, or the plain words.</summary>
public sealed class StatusDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4 };
    private readonly ProtocolLimits _limits;

    public StatusDecoder(ProtocolLimits limits) => _limits = limits;

    public DecodeResult<StatusReport> Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > _limits.MaxPayloadBytes)
        {
            return DecodeResult<StatusReport>.Reject(RejectionReason.TooLarge, $"payload of {payload.Length} bytes exceeds {_limits.MaxPayloadBytes}");
        }

        var trimmed = payload.Trim(" \t\r\n"u8);
        if (trimmed.SequenceEqual("online"u8))
        {
            return DecodeResult<StatusReport>.Accept(new StatusReport(true));
        }

        if (trimmed.SequenceEqual("offline"u8))
        {
            return DecodeResult<StatusReport>.Accept(new StatusReport(false));
        }

        if (!Utf8.IsValid(payload))
        {
            return DecodeResult<StatusReport>.Reject(RejectionReason.Json, "payload is not valid UTF-8");
        }

        try
        {
            return DecodeObject(payload);
        }
        catch (JsonException ex)
        {
            return DecodeResult<StatusReport>.Reject(RejectionReason.Json, $"status is neither online, offline nor JSON: {ex.Message}");
        }
    }

    private static DecodeResult<StatusReport> DecodeObject(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return DecodeResult<StatusReport>.Reject(RejectionReason.Json, "status is not a JSON object");
        }

        DecodeResult<StatusReport>? result = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isState = reader.ValueTextEquals("state"u8);
            reader.Read();
            if (!isState)
            {
                reader.Skip();
                continue;
            }

            result = reader.TokenType switch
            {
                JsonTokenType.String when reader.ValueTextEquals("online"u8) => DecodeResult<StatusReport>.Accept(new StatusReport(true)),
                JsonTokenType.String when reader.ValueTextEquals("offline"u8) => DecodeResult<StatusReport>.Accept(new StatusReport(false)),
                JsonTokenType.String => DecodeResult<StatusReport>.Reject(RejectionReason.Value, "state is neither online nor offline"),
                _ => DecodeResult<StatusReport>.Reject(RejectionReason.Schema, JsonFields.WrongType(ref reader, "state", "a string").Detail),
            };
        }

        if (reader.Read())
        {
            return DecodeResult<StatusReport>.Reject(RejectionReason.Json, "payload has content after the JSON object");
        }

        return result ?? DecodeResult<StatusReport>.Reject(RejectionReason.Schema, "status has no state");
    }
}
