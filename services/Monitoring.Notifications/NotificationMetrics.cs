using System.Diagnostics.Metrics;

namespace Monitoring.Notifications;

/// <summary>Delivery counters, tagged by channel only (email, webhook, ticket).</summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "Monitoring.Notifications";
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dead;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _delivered = meter.CreateCounter<long>("monitoring_notifications_delivered", description: "Outbox rows delivered, by channel.");
        _failed = meter.CreateCounter<long>("monitoring_notification_attempts_failed", description: "Delivery attempts that failed, by channel.");
        _dead = meter.CreateCounter<long>("monitoring_notifications_dead", description: "Outbox rows that used up their attempts, by channel.");
    }

    public void Delivered(string channel, int rows) => _delivered.Add(rows, Tag(channel));

    public void AttemptFailed(string channel) => _failed.Add(1, Tag(channel));

    public void Dead(string channel, int rows) => _dead.Add(rows, Tag(channel));

    private static KeyValuePair<string, object?> Tag(string channel) => new("channel", channel);
}
