using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Auth;
using Monitoring.Hosting;

namespace Monitoring.Api.Dashboard;

/// <summary>The fleet dashboard at <c>/</c>: sign-in, sessions, its embedded assets and the data calls of its own.</summary>
internal static class DashboardRegistration
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DashboardOptions>(configuration, DashboardOptions.Section, o => o.Problems());
        services.AddSingleton<DashboardSessions>();
        services.AddSingleton<SessionAuthenticator>();
        services.AddSingleton<DashboardAssets>();
        services.AddSingleton<FleetBreakdown>();
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseMiddleware<ConditionalGetMiddleware>();
        app.MapSignIn();
        app.MapDashboardData();
        app.MapGet("/assets/{name}", (HttpContext http, string name, string? v, DashboardAssets assets) =>
        {
            if (assets.Find(name) is not { } asset)
            {
                return Results.NotFound();
            }

            var headers = http.Response.Headers;
            headers.CacheControl = v == asset.Version ? "public, max-age=31536000, immutable" : "no-cache";
            headers.ETag = $"\"{asset.Version}\"";
            headers.XContentTypeOptions = "nosniff";
            headers.Vary = "Accept-Encoding";
            if (http.Request.Headers.IfNoneMatch.ToString() == $"\"{asset.Version}\"")
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            if (http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentEncoding = "gzip";
                return Results.Bytes(asset.Gzipped, asset.ContentType);
            }

            return Results.Bytes(asset.Bytes, asset.ContentType);
        }).ExcludeFromDescription();
        return app;
    }
}
