using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>The maintenance windows, as the case rules ask about them.</summary>
public interface IMaintenanceCalendar
{
    /// <summary>Whether a window covers the device at <paramref name="at"/>.</summary>
    bool Covers(DeviceRecord device, DateTimeOffset at);

    /// <summary>When the latest window that covered the device ended, if one has ended by <paramref name="at"/>.</summary>
    DateTimeOffset? EndedFor(DeviceRecord device, DateTimeOffset at);
}
