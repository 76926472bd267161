using System.Diagnostics.Metrics;
using Monitoring.Core.Devices;

namespace Monitoring.Server;

/// <summary><c>monitoring_devices{state}</c>: devices in each state over all tenants, counted from the live fleet when scraped.</summary>
internal sealed class FleetGauge
{
    public const string MeterName = "Monitoring.Fleet";

    public FleetGauge(IMeterFactory meters, LiveFleet fleet)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("monitoring_devices", () => Observe(fleet), description: "Devices by state, over all tenants.");
    }

    private static IEnumerable<Measurement<long>> Observe(LiveFleet fleet)
    {
        var counts = new long[Enum.GetValues<DeviceState>().Length];
        foreach (var device in fleet.All())
        {
            counts[(int)device.State]++;
        }

        foreach (var state in Enum.GetValues<DeviceState>())
        {
            yield return new Measurement<long>(counts[(int)state], new KeyValuePair<string, object?>("state", state.Name()));
        }
    }
}
