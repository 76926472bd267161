using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Core.Cases;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Endpoints;

internal static class SupportFigureEndpoints
{
    private static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    public static void MapSupportFigures(this RouteGroupBuilder tenant) =>
        tenant.MapGet("/kpis", async (string tenant, string? from, string? to, ICaseStore cases, IContactStore contacts, TimeProvider time,
            CancellationToken ct) =>
        {
            if (!QueryValues.TryTime(from, "from", out var since, out var problem) || !QueryValues.TryTime(to, "to", out var until, out problem))
            {
                return Problems.BadRequest(problem!);
            }

            var now = time.GetUtcNow();
            var end = until ?? now;
            var start = since ?? end - DefaultRange;
            if (start >= end)
            {
                return Problems.BadRequest("from must be before to");
            }

            if (end - start > MaxRange)
            {
                return Problems.BadRequest($"the range may span at most {MaxRange.TotalDays:0} days");
            }

            var outages = await cases.OutagesStartedAsync(tenant, start, end, ct);

            // A contact belongs to a case up to its resolution, or up to now while it is unresolved.
            var contactsUntil = end;
            foreach (var c in outages)
            {
                var caseEnd = c.ResolvedAt ?? now;
                contactsUntil = caseEnd > contactsUntil ? caseEnd : contactsUntil;
            }

            var recorded = await contacts.BetweenAsync(tenant, start, contactsUntil, ct);
            return Results.Ok(SupportFigures.Compute(start, end, now, outages, recorded));
        }).WithName("GetSupportFigures");
}
