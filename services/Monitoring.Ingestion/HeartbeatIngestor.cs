using Microsoft.Extensions.Options;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;
using Monitoring.Core.Series;
using Monitoring.Core.Stores;

namespace Monitoring.Ingestion;

/// <summary>
/// Turns one MQTT message into device changes: parse the topic, decode the payload, apply it to the live fleet and
/// record the change for the next durable batch. A refused message changes nothing and is counted by reason.
/// </summary>
internal sealed class HeartbeatIngestor
{
    private readonly TopicParser _topics;
    private readonly HeartbeatDecoder _heartbeats;
    private readonly StatusDecoder _statuses;
    private readonly DeviceStateMachine _machine;
    private readonly LiveFleet _fleet;
    private readonly IDeviceJournal _journal;
    private readonly IngestionMetrics _metrics;
    private readonly RejectionLog _log;
    private readonly LinkQualityWatch _links;
    private readonly ISeriesRecorder _series;
    private readonly TimeSpan _maxClockSkew;
    private static readonly Func<DeviceKey, DeviceRecord> Create = key => DeviceStateMachine.NewDevice(key.Tenant, key.Id);

    public HeartbeatIngestor(
        IOptions<MqttOptions> mqtt, IOptions<DetectionOptions> detection, LiveFleet fleet, IDeviceJournal journal,
        IngestionMetrics metrics, RejectionLog log, LinkQualityWatch links, ISeriesRecorder series, IOptions<IngestionOptions> ingestion)
    {
        _links = links;
        var limits = new ProtocolLimits { MaxPayloadBytes = mqtt.Value.MaxPayloadBytes };
        _topics = new TopicParser(mqtt.Value.TopicRoot);
        _heartbeats = new HeartbeatDecoder(limits);
        _statuses = new StatusDecoder(limits);
        _machine = new DeviceStateMachine(detection.Value.ConfirmAfter, detection.Value.FlapWindow);
        _fleet = fleet;
        _journal = journal;
        _metrics = metrics;
        _log = log;
        _series = series;
        _maxClockSkew = ingestion.Value.MaxClockSkew;
    }

    /// <returns>True when the message was accepted.</returns>
    public bool Ingest(string topic, ReadOnlySpan<byte> payload, bool retained, DateTimeOffset receivedAt)
    {
        if (!_topics.TryParse(topic, out DeviceKeySpan keySpan, out var channel, out var topicRejection))
        {
            return Refuse(topic.Length <= 128 ? topic : topic[..128], topicRejection!);
        }

        var key = _fleet.KeyOf(keySpan);
        if (channel == Channel.Heartbeat)
        {
            var decoded = _heartbeats.Decode(payload);
            if (!decoded.IsAccepted)
            {
                return Refuse(key.ToString(), decoded.Rejection);
            }

            Apply(key, decoded.Value, receivedAt);
        }
        else
        {
            var decoded = _statuses.Decode(payload);
            if (!decoded.IsAccepted)
            {
                return Refuse(key.ToString(), decoded.Rejection);
            }

            var status = (decoded.Value, retained, receivedAt, _machine);
            _journal.Record(_fleet.Update(key, status, static (d, s) => s._machine.OnStatus(d, s.Value, s.retained, s.receivedAt), Create));
        }

        _metrics.Accepted(channel);
        return true;
    }

    private void Apply(DeviceKey key, Heartbeat heartbeat, DateTimeOffset receivedAt)
    {
        var state = (heartbeat, receivedAt, _machine);
        var gateway = _fleet.Update(key, state, static (d, s) => s._machine.OnHeartbeat(d, s.heartbeat, s.receivedAt), Create);
        _journal.Record(gateway);
        _links.Observe(gateway.Device, heartbeat.Metrics, receivedAt);
        var stamp = DeviceSeries.Stamp(heartbeat.DeviceTime, receivedAt, _maxClockSkew);
        if (_series.IsEnabled)
        {
            _series.Record(DevicePoint.Heartbeat(gateway.Device, heartbeat.Metrics, up: true, stamp));
        }

        foreach (var child in heartbeat.Children)
        {
            if (child.Id == key.Id)
            {
                continue;
            }

            var childState = (child, gateway.Device, receivedAt, _machine);
            var reported = _fleet.Update(new DeviceKey(key.Tenant, child.Id), childState,
                static (d, s) => s._machine.OnChildReport(d, s.Device, s.child, s.receivedAt), Create);
            _journal.Record(reported);
            _links.Observe(reported.Device, child.Metrics, receivedAt);
            if (_series.IsEnabled && (child.Online is not null || child.Metrics.Count > 0))
            {
                _series.Record(DevicePoint.Heartbeat(reported.Device, child.Metrics, up: child.Online != false, stamp));
            }
        }
    }

    private bool Refuse(string source, Rejection rejection)
    {
        _metrics.Rejected(rejection.Reason);
        _log.Refused(source, rejection);
        return false;
    }
}
