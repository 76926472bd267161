namespace Monitoring.Core.Series;

/// <summary>
/// One metric of one device between <see cref="From"/> and <see cref="To"/> (both included); with a
/// <see cref="Step"/>, averages over buckets of that length aligned to the Unix epoch, each stamped with its start.
/// </summary>
public sealed record SeriesQuery(string Tenant, string Device, string Metric, DateTimeOffset From, DateTimeOffset To, TimeSpan? Step)
{
    /// <summary>At most this many points answer one query.</summary>
    public const int MaxPoints = 10_000;
}
