using System.Text.Json;
using System.Text.Unicode;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Protocol;

/// <summary>
/// Decodes a contract-v1 heartbeat with <see cref="Utf8JsonReader"/>. A payload that breaks any rule is refused whole.
/// When a payload names an unknown version, that is the reason reported, wherever <c>v</c> stands in it.
/// </summary>
public sealed class HeartbeatDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 };
    private readonly ProtocolLimits _limits;
    private readonly Utf8StringTable _names = new(65_536);

    public HeartbeatDecoder(ProtocolLimits limits) => _limits = limits;

    public DecodeResult<Heartbeat> Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > _limits.MaxPayloadBytes)
        {
            return DecodeResult<Heartbeat>.Reject(RejectionReason.TooLarge, $"payload of {payload.Length} bytes exceeds {_limits.MaxPayloadBytes}");
        }

        if (!Utf8.IsValid(payload))
        {
            return DecodeResult<Heartbeat>.Reject(RejectionReason.Json, "payload is not valid UTF-8");
        }

        try
        {
            return DecodeObject(payload);
        }
        catch (JsonException ex)
        {
            return DecodeResult<Heartbeat>.Reject(RejectionReason.Json, $"payload is not JSON: {ex.Message}");
        }
    }

    private DecodeResult<Heartbeat> DecodeObject(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return DecodeResult<Heartbeat>.Reject(RejectionReason.Json, "payload is not a JSON object");
        }

        var fields = new HeartbeatFields(_names);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            fields.ReadProperty(ref reader);
        }

        if (reader.Read())
        {
            return DecodeResult<Heartbeat>.Reject(RejectionReason.Json, "payload has content after the JSON object");
        }

        return fields.ToResult();
    }
}
