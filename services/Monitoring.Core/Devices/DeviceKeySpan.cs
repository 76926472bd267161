namespace Monitoring.Core.Devices;

/// <summary>A device key still inside the text it was read from, so looking up a known device allocates nothing.</summary>
public readonly ref struct DeviceKeySpan(ReadOnlySpan<char> tenant, ReadOnlySpan<char> id)
{
    public ReadOnlySpan<char> Tenant { get; } = tenant;
    public ReadOnlySpan<char> Id { get; } = id;
}
