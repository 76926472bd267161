using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Api.Views;
using Monitoring.Core.Devices;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Endpoints;

internal static class FleetEndpoints
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static void MapFleet(this RouteGroupBuilder tenant) =>
        tenant.MapGet("/fleet", async (string tenant, IDeviceStore devices, ICaseStore cases, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            var byState = await devices.CountByStateAsync(tenant, ct);
            var states = new Dictionary<string, int>();
            foreach (var state in Enum.GetValues<DeviceState>())
            {
                states[state.Name()] = byState.GetValueOrDefault(state);
            }

            var openCases = await cases.CountActiveByKindAsync(tenant, ct);
            var events = await devices.EventsAsync(tenant, now - Day, now, ct);
            return Results.Ok(new FleetView(tenant, states.Values.Sum(), states, openCases, Availability.Compute(byState, events, now - Day, now)));
        }).WithName("GetFleet");
}
