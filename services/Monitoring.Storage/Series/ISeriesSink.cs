using Monitoring.Core.Series;

namespace Monitoring.Storage.Series;

/// <summary>A series store's write side. Returns once the points are stored, or durably kept to be stored later.</summary>
internal interface ISeriesSink
{
    Task WriteAsync(IReadOnlyList<DevicePoint> points, CancellationToken cancellationToken);
}
