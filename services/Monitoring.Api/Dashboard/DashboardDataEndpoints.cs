using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Api.Auth;
using Monitoring.Core.Cases;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// What the dashboard needs that the public API has no call for: the fleet grouped by site, model and firmware, active
/// cases by severity, and a gateway's children. Same keys and sessions as <c>/api</c>, same 401/403 rules.
/// </summary>
internal static class DashboardDataEndpoints
{
    private const int MaxGroups = 1000;
    private static readonly string[] Severities = [CaseSeverity.Critical, CaseSeverity.Major, CaseSeverity.Minor];

    public static void MapDashboardData(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup("/dashboard/v1/tenants/{tenant}").AddEndpointFilter<TenantAccessFilter>().ExcludeFromDescription();
        tenant.MapGet("/breakdown", async (string tenant, int? sites, int? top, FleetBreakdown breakdown) =>
        {
            var siteCount = sites ?? 120;
            var topCount = top ?? 5;
            if (siteCount is < 0 or > MaxGroups || topCount is < 0 or > MaxGroups)
            {
                return Problems.BadRequest($"sites and top must be 0..{MaxGroups}");
            }

            var snapshot = await breakdown.SnapshotAsync(tenant);
            return Results.Ok(new
            {
                at = snapshot.At,
                activeCasesBySeverity = Severities.ToDictionary(s => s, s => snapshot.ActiveCasesBySeverity.GetValueOrDefault(s)),
                sites = Groups(snapshot.Sites, siteCount),
                models = Groups(snapshot.Models, topCount),
                firmware = new
                {
                    total = snapshot.Firmware.Count,
                    items = FleetSnapshot.WorstFirst(snapshot.Firmware).Take(topCount).Select(g => new { model = g.Name, fw = g.Firmware, devices = g.Devices, down = g.Down }),
                },
            });
        });

        tenant.MapGet("/devices/{id}/children", async (string tenant, string id, int? limit, FleetBreakdown breakdown) =>
        {
            var count = limit ?? 200;
            if (count is < 1 or > MaxGroups)
            {
                return Problems.BadRequest($"limit must be 1..{MaxGroups}");
            }

            var snapshot = await breakdown.SnapshotAsync(tenant);
            var children = snapshot.Children.GetValueOrDefault(id) ?? [];
            return Results.Ok(new { at = snapshot.At, total = children.Count, items = children.Order(StringComparer.Ordinal).Take(count) });
        });
    }

    private static object Groups(IReadOnlyDictionary<string, StateCounts> groups, int count) => new
    {
        total = groups.Count,
        items = FleetSnapshot.WorstFirst(groups).Take(count).Select(g => new
        {
            name = g.Name,
            devices = g.Devices,
            online = g.Online,
            offline = g.Offline,
            unreachable = g.Unreachable,
            unknown = g.Unknown,
            down = g.Down,
        }),
    };
}
