using System.Globalization;

namespace Monitoring.Simulator;

/// <summary>Reads the server's own counters from its Prometheus endpoint, to see what it processed of what was published.</summary>
internal sealed class ServerMetrics(Uri server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Accepted plus refused messages: everything the server's ingestion has taken in.</summary>
    public async Task<double> IngestedAsync(CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync("/metrics", cancellationToken);
        double total = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("monitoring_heartbeats_received_total{", StringComparison.Ordinal)
                || line.StartsWith("monitoring_heartbeats_rejected_total{", StringComparison.Ordinal))
            {
                total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    public void Dispose() => _http.Dispose();
}
