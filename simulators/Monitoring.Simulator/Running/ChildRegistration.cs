using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Monitoring.Simulator;

/// <summary>
/// Registers the devices behind gateways through the API (<c>PUT …/devices/{id}</c>), as a vendor's provisioning does:
/// they never publish themselves, so their model and firmware reach the server only this way.
/// </summary>
internal static class ChildRegistration
{
    private const int Parallel = 8;

    /// <returns>How many children the server took.</returns>
    public static async Task<int> RegisterAsync(Uri api, string? key, IReadOnlyList<FleetDevice> devices, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var taken = 0;
        await System.Threading.Tasks.Parallel.ForEachAsync(devices.Where(d => d.Gateway is not null),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken }, async (child, ct) =>
            {
                using var response = await http.PutAsJsonAsync(
                    $"api/v1/tenants/{Uri.EscapeDataString(child.Tenant)}/devices/{Uri.EscapeDataString(child.Id)}",
                    new { site = child.Site.Id, customer = child.Site.Customer.Id, model = child.Model.Name, fw = child.Firmware }, ct);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref taken);
                }
            });
        return taken;
    }
}
