using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Protocol;

/// <summary>
/// Readers for the typed fields of a heartbeat. Each leaves the reader on the last token of the value,
/// also when it refuses it, so decoding can go on to find the payload's version.
/// A wrong JSON type is a <see cref="RejectionReason.Schema"/>; the right type out of range is a <see cref="RejectionReason.Value"/>.
/// </summary>
internal static class JsonFields
{
    [ThreadStatic]
    private static List<Metric>? t_metrics;

    public static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader, string field, out Rejection? error)
    {
        error = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                if (reader.TryGetDateTimeOffset(out var parsed) && HasExplicitOffset(reader.ValueSpan) && !reader.ValueIsEscaped)
                {
                    return parsed.ToUniversalTime();
                }

                error = new Rejection(RejectionReason.Value, $"{field} is not an RFC 3339 timestamp with an offset");
                return null;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var ms) && ms >= 0 && ms <= MaxEpochMilliseconds)
                {
                    return DateTimeOffset.FromUnixTimeMilliseconds(ms);
                }

                error = new Rejection(RejectionReason.Value, $"{field} is not a valid epoch in milliseconds");
                return null;
            default:
                error = WrongType(ref reader, field, "a string or a number");
                return null;
        }
    }

    public static long? ReadInteger(ref Utf8JsonReader reader, string field, long min, long max, out Rejection? error)
    {
        error = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var value) && value >= min && value <= max:
                return value;
            case JsonTokenType.Number:
                error = new Rejection(RejectionReason.Value, $"{field} = {RawText(ref reader)} is not a whole number in {min}..{max}");
                return null;
            default:
                error = WrongType(ref reader, field, "a number");
                return null;
        }
    }

    public static DeviceKind? ReadKind(ref Utf8JsonReader reader, out Rejection? error)
    {
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("device"u8))
            {
                return DeviceKind.Device;
            }

            if (reader.ValueTextEquals("gateway"u8))
            {
                return DeviceKind.Gateway;
            }

            error = new Rejection(RejectionReason.Schema, $"kind '{Clip(reader.GetString())}' is neither device nor gateway");
            return null;
        }

        error = WrongType(ref reader, "kind", "a string");
        return null;
    }

    public static string? ReadLabel(ref Utf8JsonReader reader, string field, Utf8StringTable strings, out Rejection? error)
    {
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            error = WrongType(ref reader, field, "a string");
            return null;
        }

        var text = reader.ValueIsEscaped || reader.ValueSpan.Length > ProtocolLimits.MaxStringLength
            ? reader.GetString()!
            : strings.Get(reader.ValueSpan);
        if (text.Length > ProtocolLimits.MaxStringLength)
        {
            error = new Rejection(RejectionReason.Value, $"{field} is longer than {ProtocolLimits.MaxStringLength} characters");
            return null;
        }

        return text.Length == 0 ? null : text;
    }

    public static IReadOnlyList<Metric>? ReadMetrics(ref Utf8JsonReader reader, Utf8StringTable names, out Rejection? error)
    {
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = WrongType(ref reader, "metrics", "an object");
            return null;
        }

        var metrics = t_metrics ??= new List<Metric>(ProtocolLimits.MaxMetrics);
        metrics.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (error is not null || reader.ValueIsEscaped || !MetricNames.IsValid(reader.ValueSpan))
            {
                error ??= new Rejection(RejectionReason.Schema, $"metric name '{Clip(reader.GetString())}' is not [a-z][a-z0-9_]{{0,63}}");
                reader.Read();
                reader.Skip();
                continue;
            }

            var name = names.Get(reader.ValueSpan);
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number)
            {
                error = WrongType(ref reader, $"metric {name}", "a number");
                continue;
            }

            if (!reader.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                error = new Rejection(RejectionReason.Value, $"metric {name} is not a finite number");
                continue;
            }

            if (metrics.Count == ProtocolLimits.MaxMetrics)
            {
                error = new Rejection(RejectionReason.Schema, $"more than {ProtocolLimits.MaxMetrics} metrics");
                continue;
            }

            metrics.Add(new Metric(name, value));
        }

        // An array of exactly their number: the list a device record keeps until its next heartbeat, read into a scratch list.
        return error is not null ? null : metrics.Count == 0 ? [] : metrics.ToArray();
    }

    public static IReadOnlyList<ChildReport>? ReadChildren(ref Utf8JsonReader reader, Utf8StringTable names, out Rejection? error)
    {
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            error = WrongType(ref reader, "children", "an array");
            return null;
        }

        var children = new List<ChildReport>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var child = ReadChild(ref reader, names, out var childError);
            error ??= childError;
            if (error is null && children.Count == ProtocolLimits.MaxChildren)
            {
                error = new Rejection(RejectionReason.Schema, $"more than {ProtocolLimits.MaxChildren} children");
            }

            if (error is null)
            {
                children.Add(child!);
            }
        }

        return error is null ? children : null;
    }

    private static ChildReport? ReadChild(ref Utf8JsonReader reader, Utf8StringTable names, out Rejection? error)
    {
        error = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = WrongType(ref reader, "a child", "an object");
            return null;
        }

        string? id = null;
        bool? online = null;
        IReadOnlyList<Metric> metrics = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (!Identifiers.IsValid(id))
                {
                    error ??= new Rejection(RejectionReason.Schema, "a child's id is not [A-Za-z0-9._-]{1,64}");
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("online"u8))
            {
                reader.Read();
                if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    online = reader.GetBoolean();
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    error ??= WrongType(ref reader, "a child's online", "true or false");
                }
            }
            else if (reader.ValueTextEquals("metrics"u8))
            {
                reader.Read();
                metrics = ReadMetrics(ref reader, names, out var metricsError) ?? [];
                error ??= metricsError;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (error is null && id is null)
        {
            error = new Rejection(RejectionReason.Schema, "a child has no id");
        }

        return error is null ? new ChildReport(id!, online, metrics) : null;
    }

    public static Rejection WrongType(ref Utf8JsonReader reader, string field, string expected)
    {
        var found = reader.TokenType switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => reader.TokenType.ToString(),
        };
        reader.Skip();
        return new Rejection(RejectionReason.Schema, $"{field} must be {expected}, not {found}");
    }

    public static string RawText(ref Utf8JsonReader reader) => Clip(Encoding.UTF8.GetString(reader.ValueSpan));

    private const long MaxEpochMilliseconds = 253_402_300_799_999;

    private static bool HasExplicitOffset(ReadOnlySpan<byte> text)
    {
        if (text.Length < 20 || text[10] is not ((byte)'T' or (byte)'t' or (byte)' '))
        {
            return false;
        }

        var last = text[^1];
        if (last is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        // An offset is the last six characters: +hh:mm or -hh:mm.
        return text.Length >= 25 && text[^6] is (byte)'+' or (byte)'-' && text[^3] == (byte)':'
            && Utf8Parser.TryParse(text[^5..^3], out int _, out _);
    }

    private static string Clip(string? text) => text is null ? "" : text.Length <= 64 ? text : text[..64] + "…";
}
