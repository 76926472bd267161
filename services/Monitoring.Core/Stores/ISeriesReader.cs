using Monitoring.Core.Series;

namespace Monitoring.Core.Stores;

/// <summary>Reads one metric's series of one device, raw or averaged into buckets.</summary>
public interface ISeriesReader
{
    Task<IReadOnlyList<SeriesSample>> ReadAsync(SeriesQuery query, CancellationToken cancellationToken);
}
