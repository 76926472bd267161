using System.Diagnostics.Metrics;
using Monitoring.Core.Protocol;

namespace Monitoring.Ingestion;

/// <summary>The ingestion counters of CONTRACT §4: accepted by channel plus rejected by reason equals what arrived.</summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "Monitoring.Ingestion";
    private static readonly KeyValuePair<string, object?> HeartbeatTag = new("channel", "heartbeat");
    private static readonly KeyValuePair<string, object?> StatusTag = new("channel", "status");
    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private long _oldestPendingTicks;
    private readonly TimeProvider _time;

    public IngestionMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("monitoring_heartbeats_received", description: "Accepted messages, by channel.");
        _rejected = meter.CreateCounter<long>("monitoring_heartbeats_rejected", description: "Refused messages, by reason.");
        meter.CreateObservableGauge("monitoring_ingest_lag", ObserveLag, unit: "s",
            description: "How long the oldest received message has waited for its durable write and acknowledgement.");
    }

    public void Accepted(Channel channel) => _received.Add(1, channel == Channel.Heartbeat ? HeartbeatTag : StatusTag);

    public void Rejected(RejectionReason reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason.Label()));

    /// <summary>The receive time of the oldest message not yet acknowledged, or null when none waits.</summary>
    public void Pending(DateTimeOffset? oldest) => Interlocked.Exchange(ref _oldestPendingTicks, oldest?.UtcTicks ?? 0);

    private double ObserveLag()
    {
        var ticks = Interlocked.Read(ref _oldestPendingTicks);
        return ticks == 0 ? 0 : Math.Max(0, (_time.GetUtcNow().UtcTicks - ticks) / (double)TimeSpan.TicksPerSecond);
    }
}
