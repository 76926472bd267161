namespace Monitoring.Core.Notifications;

/// <summary>How a delivery travels: a customer's email or webhook contact, or a ticket system's webhook.</summary>
public static class NotificationChannel
{
    public const string Email = "email";
    public const string Webhook = "webhook";
    public const string Ticket = "ticket";

    /// <summary>Whether the channel reaches the end customer (and so waits out quiet hours, digests and the storm hold).</summary>
    public static bool IsCustomer(string channel) => channel is Email or Webhook;
}
