namespace Monitoring.Simulator;

/// <summary>Nearest-rank percentiles: with few samples p99 is the largest, which is what a reader expects.</summary>
internal static class Percentiles
{
    public static double? Of(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
