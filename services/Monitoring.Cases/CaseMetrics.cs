using System.Diagnostics.Metrics;

namespace Monitoring.Cases;

/// <summary>The case counters of CONTRACT §4. Tags are bounded: the kind only, never a device.</summary>
public sealed class CaseMetrics
{
    public const string MeterName = "Monitoring.Cases";
    private readonly Counter<long> _opened;

    public CaseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _opened = meter.CreateCounter<long>("monitoring_cases_opened", description: "Support cases opened, by kind.");
    }

    public void Opened(string kind) => _opened.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
