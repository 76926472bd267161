using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Api.Views;
using Monitoring.Core.Protocol;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Endpoints;

internal static class ContactEndpoints
{
    public static void MapContacts(this RouteGroupBuilder tenant)
    {
        tenant.MapPost("/contacts", async (string tenant, HttpRequest request, IContactStore contacts, TimeProvider time, CancellationToken ct) =>
        {
            var (body, problem) = await RequestBody.ReadAsync<ContactRequest>(request, ct);
            if (body is null)
            {
                return Problems.BadRequest(problem!);
            }

            problem = Validate(body);
            if (problem is not null || !QueryValues.TryTime(body.At, "at", out var at, out problem))
            {
                return Problems.BadRequest(problem!);
            }

            var now = time.GetUtcNow();
            var contact = new SupportContact
            {
                Id = TimeOrderedIds.New("ct_", now),
                Tenant = tenant,
                Customer = body.Customer,
                Device = body.Device,
                At = at ?? now,
                Channel = body.Channel ?? SupportContact.UnknownChannel,
                RecordedAt = now,
            };
            await contacts.AddAsync(contact, ct);
            return Results.Json(contact, statusCode: StatusCodes.Status201Created);
        }).Accepts<ContactRequest>("application/json").WithName("RecordContact");

        tenant.MapGet("/contacts", async (string tenant, string? customer, string? device, string? from, string? to, string? limit, string? cursor,
            IContactStore contacts, CancellationToken ct) =>
        {
            if (!QueryValues.TryTime(from, "from", out var since, out var problem)
                || !QueryValues.TryTime(to, "to", out var until, out problem)
                || !QueryValues.TryLimit(limit, out var pageSize, out problem))
            {
                return Problems.BadRequest(problem!);
            }

            var page = await contacts.ListAsync(new ContactQuery(tenant, customer, device, since, until, pageSize, cursor), ct);
            return Results.Ok(new ListView<SupportContact>(page.Items, page.Next));
        }).WithName("ListContacts");
    }

    private static string? Validate(ContactRequest body)
    {
        if (body.Customer is null && body.Device is null)
        {
            return "a contact names the customer, the device, or both";
        }

        if (body.Device is not null && !Identifiers.IsValid(body.Device))
        {
            return "device must be [A-Za-z0-9._-]{1,64}";
        }

        if (body.Customer is { Length: 0 or > ProtocolLimits.MaxStringLength })
        {
            return $"customer must be 1..{ProtocolLimits.MaxStringLength} characters";
        }

        return body.Channel is { Length: 0 or > SupportContact.MaxChannelLength }
            ? $"channel must be 1..{SupportContact.MaxChannelLength} characters, e.g. phone, email, chat"
            : null;
    }
}
