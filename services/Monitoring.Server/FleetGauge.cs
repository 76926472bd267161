using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Monitoring.Core.Devices;

namespace Monitoring.Server;

/// <summary>
/// <c>monitoring_devices{state}</c>: devices in each state over all tenants, kept by the live fleet as records change.
/// A hosted service so it is made once the settings it depends on have been validated.
/// </summary>
internal sealed class FleetGauge : IHostedService
{
    public const string MeterName = "Monitoring.Fleet";

    public FleetGauge(IMeterFactory meters, LiveFleet fleet)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("monitoring_devices", () => Observe(fleet), description: "Devices by state, over all tenants.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<Measurement<long>> Observe(LiveFleet fleet)
    {
        foreach (var state in Enum.GetValues<DeviceState>())
        {
            yield return new Measurement<long>(fleet.CountIn(state), new KeyValuePair<string, object?>("state", state.Name()));
        }
    }
}
