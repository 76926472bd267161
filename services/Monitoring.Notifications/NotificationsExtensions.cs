using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitoring.Hosting;
using Monitoring.Notifications.Email;
using Monitoring.Notifications.Webhooks;

namespace Monitoring.Notifications;

public static class NotificationsExtensions
{
    /// <summary>The notify role: delivery from the outbox by email (MailKit) and webhooks, with retries and circuit breakers.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<NotificationOptions>(configuration, NotificationOptions.Section, o => o.Problems());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookPoster.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<DeliveryPipelines>();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<WebhookPoster>();
        services.AddSingleton<DeliverySender>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
