namespace Monitoring.Core.Devices;

/// <summary>The outcome of applying one observation to a device: its new record and, on a state change, the timeline entry.</summary>
public readonly record struct DeviceChange(DeviceRecord Device, DeviceEvent? Event);
