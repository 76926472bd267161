using Monitoring.Core.Cases;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Maintenance;

/// <summary>The maintenance windows of a pass, looked up by tenant, as the case rules ask about them.</summary>
public sealed class MaintenanceCalendar : IMaintenanceCalendar
{
    private readonly Dictionary<string, List<MaintenanceWindow>> _byTenant = new(StringComparer.Ordinal);

    public MaintenanceCalendar(IEnumerable<MaintenanceWindow> windows)
    {
        foreach (var window in windows)
        {
            if (!_byTenant.TryGetValue(window.Tenant, out var list))
            {
                _byTenant[window.Tenant] = list = [];
            }

            list.Add(window);
        }
    }

    public bool Covers(DeviceRecord device, DateTimeOffset at) =>
        _byTenant.TryGetValue(device.Tenant, out var windows) && windows.Exists(w => w.Covers(device, at));

    public DateTimeOffset? EndedFor(DeviceRecord device, DateTimeOffset at)
    {
        if (!_byTenant.TryGetValue(device.Tenant, out var windows))
        {
            return null;
        }

        DateTimeOffset? ended = null;
        foreach (var window in windows)
        {
            if (window.Until <= at && window.From < window.Until && window.Scope.Covers(device) && (ended is null || window.Until > ended))
            {
                ended = window.Until;
            }
        }

        return ended;
    }
}
