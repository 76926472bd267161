namespace Monitoring.Core.Devices;

public readonly record struct DeviceKey(string Tenant, string Id)
{
    public override string ToString() => $"{Tenant}/{Id}";
}
