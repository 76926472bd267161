using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Api.Views;
using Monitoring.Core.Maintenance;
using Monitoring.Core.Protocol;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Endpoints;

internal static class MaintenanceEndpoints
{
    private const int MaxReasonLength = 1000;

    public static void MapMaintenance(this RouteGroupBuilder tenant)
    {
        tenant.MapPut("/maintenance/{id}", async (string tenant, string id, HttpRequest request, IMaintenanceStore windows, TimeProvider time,
            CancellationToken ct) =>
        {
            if (!Identifiers.IsValid(id))
            {
                return Problems.BadRequest("maintenance window id must be [A-Za-z0-9._-]{1,64}");
            }

            var (body, problem) = await RequestBody.ReadAsync<MaintenanceRequest>(request, ct);
            if (body is null)
            {
                return Problems.BadRequest(problem!);
            }

            problem = body.Scope is null ? "scope is required: {\"type\": \"device\"|\"gateway\"|\"site\"|\"customer\"|\"tenant\", \"id\": \"…\"}"
                : MaintenanceScope.Problem(body.Scope.Type, body.Scope.Id);
            if (problem is not null || !TryPeriod(body, out var from, out var to, out problem))
            {
                return Problems.BadRequest(problem!);
            }

            if (body.Reason is { Length: > MaxReasonLength })
            {
                return Problems.BadRequest($"reason must be at most {MaxReasonLength} characters");
            }

            var now = time.GetUtcNow();
            var window = new MaintenanceWindow
            {
                Id = id,
                Tenant = tenant,
                Scope = new MaintenanceScope(body.Scope!.Type!, body.Scope.Id),
                From = from,
                To = to,
                Reason = body.Reason,
                UpdatedAt = now,
            };
            var view = MaintenanceView.Of(window, now);
            return await windows.PutAsync(window, ct)
                ? Results.Created($"/api/v1/tenants/{tenant}/maintenance/{id}", view)
                : Results.Ok(view);
        }).Accepts<MaintenanceRequest>("application/json").WithName("PutMaintenanceWindow");

        tenant.MapDelete("/maintenance/{id}", async (string tenant, string id, IMaintenanceStore windows, TimeProvider time, CancellationToken ct) =>
        {
            if (await windows.FindAsync(tenant, id, ct) is not { } window)
            {
                return Problems.NotFound($"no maintenance window '{id}' in tenant '{tenant}'");
            }

            var now = time.GetUtcNow();
            var removed = window.RemovedAt(now);
            if (removed != window)
            {
                await windows.PutAsync(removed, ct);
            }

            return Results.Ok(MaintenanceView.Of(removed, now));
        }).WithName("RemoveMaintenanceWindow");

        tenant.MapGet("/maintenance/{id}", async (string tenant, string id, IMaintenanceStore windows, TimeProvider time, CancellationToken ct) =>
            await windows.FindAsync(tenant, id, ct) is { } window
                ? Results.Ok(MaintenanceView.Of(window, time.GetUtcNow()))
                : Problems.NotFound($"no maintenance window '{id}' in tenant '{tenant}'"))
            .WithName("GetMaintenanceWindow");

        tenant.MapGet("/maintenance", async (string tenant, string? active, string? limit, string? cursor, IMaintenanceStore windows, TimeProvider time,
            CancellationToken ct) =>
        {
            if (active is not (null or "true" or "false"))
            {
                return Problems.BadRequest("active must be true or false");
            }

            if (!QueryValues.TryLimit(limit, out var pageSize, out var problem))
            {
                return Problems.BadRequest(problem!);
            }

            var now = time.GetUtcNow();
            var page = await windows.ListAsync(new MaintenanceQuery(tenant, active is null ? null : active == "true", now, pageSize, cursor), ct);
            return Results.Ok(new ListView<MaintenanceView>(page.Items.Select(w => MaintenanceView.Of(w, now)).ToList(), page.Next));
        }).WithName("ListMaintenanceWindows");
    }

    private static bool TryPeriod(MaintenanceRequest body, out DateTimeOffset from, out DateTimeOffset to, out string? problem)
    {
        from = to = default;
        if (body.From is null || body.To is null)
        {
            problem = "from and to are required (RFC 3339)";
            return false;
        }

        if (!QueryValues.TryTime(body.From, "from", out var start, out problem) || !QueryValues.TryTime(body.To, "to", out var end, out problem))
        {
            return false;
        }

        (from, to) = (start!.Value, end!.Value);
        problem = from < to ? null : "from must be before to";
        return problem is null;
    }
}
