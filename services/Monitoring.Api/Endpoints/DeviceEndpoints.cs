using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Monitoring.Api.Views;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Endpoints;

internal static class DeviceEndpoints
{
    public static void MapDevices(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/devices", async (string tenant, string? state, string? site, string? model, string? customer, int? limit, string? cursor,
            IDeviceStore devices, IOptions<DetectionOptions> detection, CancellationToken ct) =>
        {
            DeviceState? wanted = null;
            if (state is not null)
            {
                if (!DomainNames.TryParseState(state, out var parsed))
                {
                    return Problems.BadRequest("state must be online, offline, unreachable or unknown");
                }

                wanted = parsed;
            }

            if (!QueryValues.TryLimit(limit, out var pageSize, out var problem))
            {
                return Problems.BadRequest(problem!);
            }

            var page = await devices.ListAsync(new DeviceQuery(tenant, wanted, site, model, customer, pageSize, cursor), ct);
            var interval = detection.Value.DefaultInterval;
            return Results.Ok(new ListView<DeviceView>(page.Items.Select(d => DeviceView.From(d, interval)).ToList(), page.Next));
        }).WithName("ListDevices");

        tenant.MapGet("/devices/{id}", async (string tenant, string id, IDeviceStore devices, IOptions<DetectionOptions> detection, CancellationToken ct) =>
            await devices.FindAsync(tenant, id, ct) is { } device
                ? Results.Ok(DeviceView.From(device, detection.Value.DefaultInterval))
                : Problems.NotFound($"no device '{id}' in tenant '{tenant}'"))
            .WithName("GetDevice");

        tenant.MapPut("/devices/{id}", async (string tenant, string id, DeviceRegistration body, LiveFleet fleet, IDeviceJournal journal,
            IOptions<DetectionOptions> detection, CancellationToken ct) =>
        {
            if (!Identifiers.IsValid(id))
            {
                return Problems.BadRequest("device id must be [A-Za-z0-9._-]{1,64}");
            }

            if (Validate(body) is { } problem)
            {
                return Problems.BadRequest(problem);
            }

            var existed = fleet.Find(new DeviceKey(tenant, id)) is not null;
            var change = fleet.Update(new DeviceKey(tenant, id), body, static (d, b) => new DeviceChange(d with
            {
                Site = b.Site ?? d.Site,
                Customer = b.Customer ?? d.Customer,
                Model = b.Model ?? d.Model,
                Firmware = b.Firmware ?? d.Firmware,
                Kind = b.Kind is null ? d.Kind : b.Kind == "gateway" ? DeviceKind.Gateway : DeviceKind.Device,
                IntervalSeconds = b.IntervalSeconds ?? d.IntervalSeconds,
            }, null), key => DeviceStateMachine.NewDevice(key.Tenant, key.Id));
            journal.Record(change);
            await journal.FlushAsync(ct);
            var view = DeviceView.From(change.Device, detection.Value.DefaultInterval);
            return existed ? Results.Ok(view) : Results.Created($"/api/v1/tenants/{tenant}/devices/{id}", view);
        }).WithName("PutDevice");
    }

    private static string? Validate(DeviceRegistration body)
    {
        foreach (var (name, value) in new[] { ("site", body.Site), ("customer", body.Customer), ("model", body.Model), ("fw", body.Firmware) })
        {
            if (value is { Length: 0 or > ProtocolLimits.MaxStringLength })
            {
                return $"{name} must be 1..{ProtocolLimits.MaxStringLength} characters";
            }
        }

        if (body.Kind is not (null or "device" or "gateway"))
        {
            return "kind must be device or gateway";
        }

        return body.IntervalSeconds is < ProtocolLimits.MinIntervalSeconds or > ProtocolLimits.MaxIntervalSeconds
            ? $"intervalSeconds must be {ProtocolLimits.MinIntervalSeconds}..{ProtocolLimits.MaxIntervalSeconds}"
            : null;
    }
}
