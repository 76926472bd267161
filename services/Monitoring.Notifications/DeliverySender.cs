using Microsoft.Extensions.Options;
using Monitoring.Core.Customers;
using Monitoring.Core.Notifications;
using Monitoring.Notifications.Email;
using Monitoring.Notifications.Webhooks;

namespace Monitoring.Notifications;

/// <summary>Sends one delivery (or one digest of a contact's messages) by its channel: one attempt, no retries of its own.</summary>
internal sealed class DeliverySender(SmtpMailer mailer, WebhookPoster poster, IOptions<NotificationOptions> options)
{
    public Task SendAsync(IReadOnlyList<Delivery> rows, Customer? customer, CancellationToken cancellationToken)
    {
        var lead = rows[0];
        switch (lead.Channel)
        {
            case NotificationChannel.Email:
                return mailer.SendAsync(rows, customer, cancellationToken);
            case NotificationChannel.Webhook:
                return poster.PostAsync(lead, lead.Destination, null, cancellationToken);
            case NotificationChannel.Ticket when options.Value.Tickets.TryGetValue(lead.Destination, out var ticket) && ticket.Url is { } url:
                return poster.PostAsync(lead, url, ticket.Secret, cancellationToken);
            default:
                throw new InvalidOperationException($"no destination Notifications:Tickets:{lead.Destination} is configured for {lead.Channel}");
        }
    }

    /// <summary>The receiver whose circuit a delivery goes through: the SMTP server, a webhook's host, a ticket system.</summary>
    public string DestinationKey(Delivery delivery) => delivery.Channel switch
    {
        NotificationChannel.Email => $"smtp:{options.Value.Smtp.Host}:{options.Value.Smtp.Port}",
        NotificationChannel.Webhook when Uri.TryCreate(delivery.Destination, UriKind.Absolute, out var uri) => $"webhook:{uri.Authority}",
        _ => $"{delivery.Channel}:{delivery.Destination}",
    };
}
