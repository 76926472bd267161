using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Api.Auth;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Endpoints;

internal static class KeyEndpoints
{
    public static void MapKeys(this RouteGroupBuilder tenant) =>
        tenant.MapPost("/keys", async (string tenant, HttpContext http, IApiKeyStore keys, TimeProvider time, CancellationToken ct) =>
        {
            if (http.Items[TenantAccessFilter.CallerItem] is not Caller { IsAdmin: true })
            {
                return Problems.Forbidden("only an admin key may issue keys");
            }

            var key = ApiKeys.Generate();
            await keys.AddAsync(new ApiKeyRecord(ApiKeys.Hash(key), tenant, time.GetUtcNow()), ct);
            return Results.Json(new { key, tenant }, statusCode: StatusCodes.Status201Created);
        }).WithName("IssueKey");
}
