using System.Globalization;

namespace Monitoring.Benchmarks.Harness;

/// <summary>Sums of series in one <c>/metrics</c> scrape (Prometheus text format).</summary>
internal sealed class Prometheus
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private Prometheus(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            var nameEnd = brace >= 0 && brace < space ? brace : line.IndexOf(' ', StringComparison.Ordinal);
            var labels = brace >= 0 && brace < space ? line[brace..(line.LastIndexOf('}') + 1)] : "";
            if (double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                _samples.Add((line[..nameEnd], labels, value));
            }
        }
    }

    public static async Task<Prometheus> ScrapeAsync(HttpClient http, CancellationToken cancellationToken = default) =>
        new(await http.GetStringAsync("/metrics", cancellationToken));

    public double Sum(string name, string? labelContains = null)
    {
        double total = 0;
        foreach (var s in _samples)
        {
            if (s.Name == name && (labelContains is null || s.Labels.Contains(labelContains, StringComparison.Ordinal))) total += s.Value;
        }

        return total;
    }

    /// <summary>The cumulative histogram buckets of <paramref name="name"/> (without _bucket), as (upper bound, count).</summary>
    public List<(double Le, double Count)> Buckets(string name)
    {
        var buckets = new List<(double, double)>();
        foreach (var s in _samples)
        {
            if (s.Name != name + "_bucket") continue;
            var at = s.Labels.IndexOf("le=\"", StringComparison.Ordinal);
            if (at < 0) continue;
            var le = s.Labels[(at + 4)..s.Labels.IndexOf('"', at + 4)];
            buckets.Add((le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture), s.Value));
        }

        return buckets.OrderBy(b => b.Item1).ToList();
    }

    public const string Received = "monitoring_heartbeats_received_total";
    public const string Rejected = "monitoring_heartbeats_rejected_total";
}
