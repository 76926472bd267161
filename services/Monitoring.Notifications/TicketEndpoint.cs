namespace Monitoring.Notifications;

/// <summary><c>Notifications:Tickets:{name}</c>: a ticket system's webhook and the secret its posts are signed with.</summary>
public sealed class TicketEndpoint
{
    public string? Url { get; set; }
    public string? Secret { get; set; }
}
