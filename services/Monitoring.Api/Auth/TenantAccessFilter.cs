using Microsoft.AspNetCore.Http;
using Monitoring.Core.Protocol;

namespace Monitoring.Api.Auth;

/// <summary>
/// Guards <c>/api/v1/tenants/{tenant}</c>: no or a wrong key is 401, another tenant's key is 403, both before any
/// lookup, so a caller learns nothing of a tenant it may not see. A call without an Authorization header may come from
/// a signed-in dashboard instead (<see cref="SessionAuthenticator"/>).
/// </summary>
public sealed class TenantAccessFilter(CallerAuthenticator authenticator, SessionAuthenticator sessions) : IEndpointFilter
{
    public const string CallerItem = "monitoring.caller";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authorization = http.Request.Headers.Authorization.ToString();
        var caller = authorization.Length > 0
            ? await authenticator.AuthenticateAsync(authorization, http.RequestAborted)
            : await sessions.AuthenticateAsync(http);
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized();
        }

        var tenant = http.Request.RouteValues["tenant"] as string ?? "";
        if (!caller.MayAccess(tenant))
        {
            return Problems.Forbidden($"this key does not reach tenant '{tenant}'");
        }

        if (!Identifiers.IsValid(tenant))
        {
            return Problems.BadRequest("tenant must be [A-Za-z0-9._-]{1,64}");
        }

        http.Items[CallerItem] = caller;
        return await next(context);
    }
}
