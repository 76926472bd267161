using System.Globalization;
using Monitoring.Core.Detection;

namespace Monitoring.Core.Cases;

/// <summary>A link's medians in words.</summary>
internal static class LinkText
{
    public static string Medians(LinkVerdict verdict, LinkThresholds? against = null)
    {
        var parts = new List<string>();
        if (verdict.RssiDbm is { } rssi) parts.Add($"RSSI {N(rssi)} dBm{Mark(against is not null && rssi < against.RssiBelow, $"below {N(against?.RssiBelow)}")}");
        if (verdict.LossPct is { } loss) parts.Add($"loss {N(loss)} %{Mark(against is not null && loss > against.LossAbove, $"above {N(against?.LossAbove)}")}");
        if (verdict.LatencyMs is { } latency) parts.Add($"latency {N(latency)} ms{Mark(against is not null && latency > against.LatencyAbove, $"above {N(against?.LatencyAbove)}")}");
        return $"median {string.Join(", ", parts)} over {verdict.Samples} heartbeats";
    }

    /// <summary>What is wrong, briefly: "weak signal, packet loss".</summary>
    public static string Problems(LinkVerdict verdict, LinkThresholds against)
    {
        var problems = new List<string>();
        if (verdict.RssiDbm < against.RssiBelow) problems.Add("weak signal");
        if (verdict.LossPct > against.LossAbove) problems.Add("packet loss");
        if (verdict.LatencyMs > against.LatencyAbove) problems.Add("high latency");
        return string.Join(", ", problems);
    }

    private static string Mark(bool breached, string what) => breached ? $" ({what})" : "";

    private static string N(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal) ?? "";
}
