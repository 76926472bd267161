namespace Monitoring.Core.Devices;

public enum DeviceKind
{
    Device,
    Gateway,
}
