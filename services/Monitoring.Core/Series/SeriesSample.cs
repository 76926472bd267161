namespace Monitoring.Core.Series;

/// <summary>A point of a metric's series as the API shows it: <c>{"t": "…", "v": -61.0}</c>.</summary>
public readonly record struct SeriesSample(DateTimeOffset T, double V);
