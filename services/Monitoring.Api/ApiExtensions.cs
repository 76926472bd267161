using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitoring.Api.Auth;
using Monitoring.Api.Dashboard;
using Monitoring.Api.Endpoints;
using Monitoring.Core.Detection;
using Monitoring.Core.Json;
using Monitoring.Hosting;

namespace Monitoring.Api;

public static class ApiExtensions
{
    /// <summary>The HTTP API's services: key authentication, JSON in the contract's shape, problem details, OpenAPI.</summary>
    public static IServiceCollection AddMonitoringApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ApiOptions>(configuration, ApiOptions.Section, o => o.Problems());
        services.AddSettings<DetectionOptions>(configuration, DetectionOptions.Section, o => o.Problems());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<TenantAccessFilter>();
        services.AddHostedService<AdminKeyBootstrap>();
        services.AddDashboard(configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<InvalidInputHandler>();
        services.AddOpenApi();
        services.Configure<JsonOptions>(o =>
        {
            var contract = ContractJson.Options;
            o.SerializerOptions.PropertyNamingPolicy = contract.PropertyNamingPolicy;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            foreach (var converter in contract.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        return services;
    }

    /// <summary>Maps <c>/api/v1/tenants/{tenant}/…</c>, the OpenAPI document and the fleet dashboard at <c>/</c>.</summary>
    public static WebApplication MapMonitoringApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        var tenant = app.MapGroup("/api/v1/tenants/{tenant}").AddEndpointFilter<TenantAccessFilter>();
        tenant.MapFleet();
        tenant.MapDevices();
        tenant.MapMetrics();
        tenant.MapCases();
        tenant.MapContacts();
        tenant.MapMaintenance();
        tenant.MapSupportFigures();
        tenant.MapCustomers();
        tenant.MapNotifications();
        tenant.MapKeys();
        app.MapDashboard();
        return app;
    }
}
