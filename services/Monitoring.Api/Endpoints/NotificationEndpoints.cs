using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Api.Views;
using Monitoring.Core.Notifications;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Endpoints;

internal static class NotificationEndpoints
{
    public static void MapNotifications(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/notifications", async (string tenant, string? status, int? limit, string? cursor, INotificationOutbox outbox, CancellationToken ct) =>
        {
            if (status is not null && !DeliveryStatus.All.Contains(status))
            {
                return Problems.BadRequest($"status must be one of {string.Join(", ", DeliveryStatus.All)}");
            }

            if (!QueryValues.TryLimit(limit, out var pageSize, out var problem))
            {
                return Problems.BadRequest(problem!);
            }

            var page = await outbox.ListAsync(tenant, status, pageSize, cursor, ct);
            return Results.Ok(new ListView<DeliveryView>(page.Items.Select(DeliveryView.From).ToList(), page.Next));
        }).WithName("ListNotifications");

        tenant.MapPost("/notifications/{id}/retry", async (string tenant, string id, INotificationOutbox outbox, TimeProvider time, CancellationToken ct) =>
            await outbox.RetryAsync(tenant, id, time.GetUtcNow(), ct) switch
            {
                RetryOutcome.Retried => Results.Accepted($"/api/v1/tenants/{tenant}/notifications?status=pending"),
                RetryOutcome.NotDead => Problems.Conflict($"delivery '{id}' is not dead; only a dead delivery can be retried"),
                _ => Problems.NotFound($"no delivery '{id}' in tenant '{tenant}'"),
            })
            .WithName("RetryNotification");
    }
}
