namespace Monitoring.Core.Devices;

/// <summary>
/// The outcome of applying one observation to a device: its new record and, on a state change, the timeline entry.
/// <paramref name="SignOfLifeOnly"/> says the observation moved nothing but what every heartbeat moves (last seen,
/// latest metrics, uptime), so a store may write just those.
/// </summary>
public readonly record struct DeviceChange(DeviceRecord Device, DeviceEvent? Event, bool SignOfLifeOnly = false);
