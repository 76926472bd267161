namespace Monitoring.Core.Devices;

/// <summary>Compares device keys ordinally, and a <see cref="DeviceKeySpan"/> with a key without making strings of it.</summary>
internal sealed class DeviceKeyComparer : IEqualityComparer<DeviceKey>, IAlternateEqualityComparer<DeviceKeySpan, DeviceKey>
{
    public static readonly DeviceKeyComparer Instance = new();

    public bool Equals(DeviceKey x, DeviceKey y) => string.Equals(x.Tenant, y.Tenant, StringComparison.Ordinal) && string.Equals(x.Id, y.Id, StringComparison.Ordinal);

    public int GetHashCode(DeviceKey key) => Hash(key.Tenant, key.Id);

    public bool Equals(DeviceKeySpan alternate, DeviceKey other) => alternate.Tenant.SequenceEqual(other.Tenant) && alternate.Id.SequenceEqual(other.Id);

    public int GetHashCode(DeviceKeySpan alternate) => Hash(alternate.Tenant, alternate.Id);

    public DeviceKey Create(DeviceKeySpan alternate) => new(alternate.Tenant.ToString(), alternate.Id.ToString());

    private static int Hash(ReadOnlySpan<char> tenant, ReadOnlySpan<char> id) => HashCode.Combine(string.GetHashCode(tenant), string.GetHashCode(id));
}
