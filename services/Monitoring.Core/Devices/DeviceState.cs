namespace Monitoring.Core.Devices;

/// <summary>The connectivity state of a device as the monitor judges it.</summary>
public enum DeviceState
{
    Unknown,
    Online,
    Offline,
    Unreachable,
}
