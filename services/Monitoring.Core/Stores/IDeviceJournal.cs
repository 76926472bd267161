using Monitoring.Core.Devices;

namespace Monitoring.Core.Stores;

/// <summary>
/// Collects device changes made to the live fleet and writes them in batches. A flush writes each changed device's
/// latest record, so writers that race on a device leave the store equal to memory. Once a flush returns, every
/// change recorded before it was called is durable.
/// </summary>
public interface IDeviceJournal
{
    void Record(DeviceChange change);

    Task FlushAsync(CancellationToken cancellationToken);
}
