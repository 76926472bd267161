using Monitoring.Core.Series;

namespace Monitoring.Api.Views;

/// <summary>A metric's series: <c>{"name": "rssi_dbm", "points": [{"t": "…", "v": -61.0}]}</c>.</summary>
public sealed record MetricSeriesView(string Name, IReadOnlyList<SeriesSample> Points);
