using Monitoring.Core.Devices;

namespace Monitoring.Core.Stores;

/// <summary>Durable device registry, state and timeline.</summary>
public interface IDeviceStore
{
    Task<IReadOnlyList<DeviceRecord>> LoadAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the devices' latest records and their timeline entries in one transaction. Of the <paramref name="seen"/>
    /// devices only the signs of life are written (last seen, latest metrics, uptime): nothing else moved since their
    /// record was last saved.
    /// </summary>
    Task SaveAsync(IReadOnlyCollection<DeviceRecord> devices, IReadOnlyCollection<DeviceRecord> seen, IReadOnlyCollection<DeviceEvent> events, CancellationToken cancellationToken);

    Task<DeviceRecord?> FindAsync(string tenant, string id, CancellationToken cancellationToken);

    Task<Page<DeviceRecord>> ListAsync(DeviceQuery query, CancellationToken cancellationToken);

    /// <summary>A tenant's devices by state.</summary>
    Task<IReadOnlyDictionary<DeviceState, int>> CountByStateAsync(string tenant, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeviceEvent>> EventsAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
