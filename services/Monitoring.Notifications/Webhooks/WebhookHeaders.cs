namespace Monitoring.Notifications;

/// <summary>The headers every delivery carries (CONTRACT §6).</summary>
public static class WebhookHeaders
{
    public const string Event = "X-Monitoring-Event";
    public const string Delivery = "X-Monitoring-Delivery";
    public const string Signature = "X-Monitoring-Signature";
}
