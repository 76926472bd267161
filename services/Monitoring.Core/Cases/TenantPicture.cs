using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// One tenant's devices that matter to a pass, sorted once: those down (offline or unreachable), those late (online,
/// but their next heartbeat overdue) and those that changed state often lately. Devices under maintenance are left out.
/// </summary>
internal sealed class TenantPicture
{
    public TenantPicture(string tenant) => Tenant = tenant;

    public string Tenant { get; }
    public List<DeviceRecord> Down { get; } = [];
    public HashSet<DeviceKey> Late { get; } = [];
    public List<DeviceRecord> Changing { get; } = [];

    private Dictionary<(string, string), int> LateByCohort { get; } = [];

    /// <summary>How many late devices a model + firmware cohort has.</summary>
    public int LateIn(string model, string firmware) => LateByCohort.GetValueOrDefault((model, firmware));

    public static Dictionary<string, TenantPicture> Of(IEnumerable<DeviceRecord> due, OfflineDetector detector, DetectionOptions options,
        IMaintenanceCalendar maintenance, DateTimeOffset now)
    {
        var tenants = new Dictionary<string, TenantPicture>(StringComparer.Ordinal);
        foreach (var device in due)
        {
            if (maintenance.Covers(device, now))
            {
                continue;
            }

            if (!tenants.TryGetValue(device.Tenant, out var picture))
            {
                tenants[device.Tenant] = picture = new TenantPicture(device.Tenant);
            }

            if (device.State is DeviceState.Offline or DeviceState.Unreachable)
            {
                picture.Down.Add(device);
            }
            else if (detector.IsLate(device, now))
            {
                picture.Late.Add(device.Key);
                if (device.Model is { } model && device.Firmware is { } firmware)
                {
                    picture.LateByCohort[(model, firmware)] = picture.LateIn(model, firmware) + 1;
                }
            }

            if (device.Transitions.Count >= options.FlapTransitions)
            {
                picture.Changing.Add(device);
            }
        }

        return tenants;
    }
}
