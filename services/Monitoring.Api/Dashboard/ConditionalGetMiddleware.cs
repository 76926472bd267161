using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Monitoring.Api.Auth;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// ETags for the dashboard's polling: a signed-in dashboard's GET of <c>/api</c> or <c>/dashboard</c> gets an ETag
/// (the answer's SHA-256), and when it sends that back in If-None-Match and nothing changed, a bodiless 304. Calls with
/// a bearer key are left exactly as they were.
/// </summary>
internal sealed class ConditionalGetMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method) || request.Headers.Authorization.Count > 0 || !request.Cookies.ContainsKey(SessionAuthenticator.CookieName)
            || !(request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/dashboard")))
        {
            await next(http);
            return;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var response = http.Response;
        response.Headers.CacheControl = "private, no-cache";
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))[..32]}\"";
            response.Headers.ETag = etag;
            if (request.Headers.IfNoneMatch.ToString() == etag)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.Remove(HeaderNames.ContentType);
                return;
            }
        }

        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }
}
