using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Api.Views;

/// <summary>A device as the API shows it (CONTRACT §3).</summary>
public sealed record DeviceView(
    string Id, string Tenant, string State, DateTimeOffset? LastSeen, DateTimeOffset? StateSince, DateTimeOffset? OutageStartedAt,
    int IntervalSeconds, string Kind, string? Parent, string? Site, string? Customer, string? Model, string? Fw,
    IReadOnlyDictionary<string, double> Metrics)
{
    public static DeviceView From(DeviceRecord d, TimeSpan defaultInterval) => new(
        d.Id, d.Tenant, d.State.Name(), d.LastSeen, d.StateSince, d.OutageStartedAt,
        d.IntervalSeconds ?? (int)defaultInterval.TotalSeconds, d.Kind.Name(), d.Parent, d.Site, d.Customer, d.Model, d.Firmware, ToObject(d.Metrics));

    private static Dictionary<string, double> ToObject(IReadOnlyList<Metric> metrics)
    {
        var values = new Dictionary<string, double>(metrics.Count);
        foreach (var metric in metrics)
        {
            values[metric.Name] = metric.Value;
        }

        return values;
    }
}
