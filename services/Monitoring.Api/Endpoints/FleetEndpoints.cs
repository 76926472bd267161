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
            var all = await AllDevicesAsync(devices, tenant, ct);
            return Results.Ok(new FleetView(tenant, states.Values.Sum(), states, openCases, Availability.Compute(all, events, now - Day, now)));
        }).WithName("GetFleet");

    private static async Task<List<DeviceRecord>> AllDevicesAsync(IDeviceStore devices, string tenant, CancellationToken ct)
    {
        var all = new List<DeviceRecord>();
        string? cursor = null;
        do
        {
            var page = await devices.ListAsync(new DeviceQuery(tenant, null, null, null, null, QueryValues.MaxLimit, cursor), ct);
            all.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);
        return all;
    }
}
