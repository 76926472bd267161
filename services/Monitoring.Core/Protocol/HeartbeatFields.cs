using System.Text.Json;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Protocol;

/// <summary>The fields of one heartbeat as they are read; the first rule broken is kept, an unknown version overrides it.</summary>
internal ref struct HeartbeatFields
{
    private readonly Utf8StringTable _names;
    private Rejection? _firstError;
    private Rejection? _versionError;
    private int _version;
    private DateTimeOffset? _deviceTime;
    private long? _sequence;
    private DeviceKind? _kind;
    private int? _interval;
    private string? _model;
    private string? _firmware;
    private string? _site;
    private string? _customer;
    private long? _uptime;
    private IReadOnlyList<Metric> _metrics;
    private IReadOnlyList<ChildReport> _children;

    public HeartbeatFields(Utf8StringTable names)
    {
        _names = names;
        _version = 1;
        _metrics = [];
        _children = [];
    }

    public void ReadProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("v"u8)) { reader.Read(); ReadVersion(ref reader); }
        else if (reader.ValueTextEquals("ts"u8)) { reader.Read(); _deviceTime = Note(JsonFields.ReadTimestamp(ref reader, "ts", out var e), e); }
        else if (reader.ValueTextEquals("seq"u8)) { reader.Read(); _sequence = Note(JsonFields.ReadInteger(ref reader, "seq", 0, long.MaxValue, out var e), e); }
        else if (reader.ValueTextEquals("kind"u8)) { reader.Read(); _kind = Note(JsonFields.ReadKind(ref reader, out var e), e); }
        else if (reader.ValueTextEquals("interval_s"u8))
        {
            reader.Read();
            var interval = Note(JsonFields.ReadInteger(ref reader, "interval_s", ProtocolLimits.MinIntervalSeconds, ProtocolLimits.MaxIntervalSeconds, out var e), e);
            _interval = interval is null ? null : (int)interval.Value;
        }
        else if (reader.ValueTextEquals("model"u8)) { reader.Read(); _model = Note(JsonFields.ReadLabel(ref reader, "model", _names, out var e), e); }
        else if (reader.ValueTextEquals("fw"u8)) { reader.Read(); _firmware = Note(JsonFields.ReadLabel(ref reader, "fw", _names, out var e), e); }
        else if (reader.ValueTextEquals("site"u8)) { reader.Read(); _site = Note(JsonFields.ReadLabel(ref reader, "site", _names, out var e), e); }
        else if (reader.ValueTextEquals("customer"u8)) { reader.Read(); _customer = Note(JsonFields.ReadLabel(ref reader, "customer", _names, out var e), e); }
        else if (reader.ValueTextEquals("uptime_s"u8)) { reader.Read(); _uptime = Note(JsonFields.ReadInteger(ref reader, "uptime_s", 0, long.MaxValue, out var e), e); }
        else if (reader.ValueTextEquals("metrics"u8)) { reader.Read(); _metrics = Note(JsonFields.ReadMetrics(ref reader, _names, out var e), e) ?? []; }
        else if (reader.ValueTextEquals("children"u8)) { reader.Read(); _children = Note(JsonFields.ReadChildren(ref reader, _names, out var e), e) ?? []; }
        else
        {
            // Unknown fields are tolerated so that devices may send more than this version reads.
            reader.Read();
            reader.Skip();
        }
    }

    public readonly DecodeResult<Heartbeat> ToResult()
    {
        var error = _versionError ?? _firstError;
        if (error is null && _children.Count > 0 && _kind == DeviceKind.Device)
        {
            error = new Rejection(RejectionReason.Schema, "children are only allowed on a gateway");
        }

        if (error is not null)
        {
            return DecodeResult<Heartbeat>.Reject(error.Reason, error.Detail);
        }

        return DecodeResult<Heartbeat>.Accept(new Heartbeat
        {
            Version = _version,
            DeviceTime = _deviceTime,
            Sequence = _sequence,
            Kind = _kind,
            IntervalSeconds = _interval,
            Model = _model,
            Firmware = _firmware,
            Site = _site,
            Customer = _customer,
            UptimeSeconds = _uptime,
            Metrics = _metrics,
            Children = _children,
        });
    }

    private void ReadVersion(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.Number when reader.TryGetInt32(out var v) && v == 1:
                _version = v;
                return;
            case JsonTokenType.Number:
                _versionError ??= new Rejection(RejectionReason.Version, $"unknown protocol version {JsonFields.RawText(ref reader)}");
                return;
            default:
                Note<object>(null, JsonFields.WrongType(ref reader, "v", "a number"));
                return;
        }
    }

    private T? Note<T>(T? value, Rejection? error)
    {
        if (error is not null)
        {
            _firstError ??= error;
            return default;
        }

        return value;
    }
}
