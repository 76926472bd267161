using Monitoring.Core.Series;
using Monitoring.Core.Stores;

namespace Monitoring.Storage.Series;

/// <summary><c>Metrics:Provider=None</c>: nothing is recorded and every series reads empty.</summary>
internal sealed class NoSeries : ISeriesRecorder, ISeriesReader
{
    public bool IsEnabled => false;

    public void Record(in DevicePoint point)
    {
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<SeriesSample>> ReadAsync(SeriesQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SeriesSample>>([]);
}
