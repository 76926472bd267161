using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Monitoring.Core.Customers;
using Monitoring.Core.Notifications;

namespace Monitoring.Notifications.Email;

/// <summary>
/// Sends one customer email over SMTP with MailKit, one session per email. The Message-Id is built from the delivery
/// id, so a message sent again after a crash is recognisably the same one.
/// </summary>
internal sealed class SmtpMailer(IOptions<NotificationOptions> options)
{
    public async Task SendAsync(IReadOnlyList<Delivery> messages, Customer? customer, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var email = EmailTemplates.Render(messages, customer);
        var lead = messages[0];
        var message = new MimeMessage { Subject = email.Subject, MessageId = $"{lead.Id}@monitoring" };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(new MailboxAddress(customer?.Name, lead.Destination));
        message.Headers.Add(WebhookHeaders.Delivery, lead.Id);
        message.Headers.Add(WebhookHeaders.Event, lead.Event);
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();

        using var client = new SmtpClient { Timeout = (int)options.Value.AttemptTimeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
