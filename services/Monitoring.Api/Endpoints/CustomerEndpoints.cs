using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Api.Views;
using Monitoring.Core.Customers;
using Monitoring.Core.Protocol;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Endpoints;

internal static class CustomerEndpoints
{
    public static void MapCustomers(this RouteGroupBuilder tenant)
    {
        tenant.MapPut("/customers/{id}", async (string tenant, string id, CustomerRegistration body, ICustomerStore customers, TimeProvider time, CancellationToken ct) =>
        {
            if (id.Length > ProtocolLimits.MaxStringLength || id.Any(char.IsControl))
            {
                return Problems.BadRequest($"customer id must be 1..{ProtocolLimits.MaxStringLength} printable characters");
            }

            if (body.Contacts is { } contacts && contacts.Any(c => c is null))
            {
                return Problems.BadRequest("contacts must be objects with a type");
            }

            var customer = new Customer
            {
                Tenant = tenant,
                Id = id,
                Name = body.Name ?? "",
                Tier = body.Tier ?? CustomerTier.Free,
                Contacts = body.Contacts?.OfType<CustomerContact>().ToList() ?? [],
                QuietHours = body.QuietHours,
            };
            if (CustomerRules.Problem(customer) is { } problem)
            {
                return Problems.BadRequest(problem);
            }

            var created = await customers.PutAsync(customer, time.GetUtcNow(), ct);
            var view = CustomerView.From(customer);
            return created ? Results.Created($"/api/v1/tenants/{tenant}/customers/{Uri.EscapeDataString(id)}", view) : Results.Ok(view);
        }).WithName("PutCustomer");

        tenant.MapGet("/customers/{id}", async (string tenant, string id, ICustomerStore customers, CancellationToken ct) =>
            await customers.FindAsync(tenant, id, ct) is { } found
                ? Results.Ok(CustomerView.From(found))
                : Problems.NotFound($"no customer '{id}' in tenant '{tenant}'"))
            .WithName("GetCustomer");
    }
}
