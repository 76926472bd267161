namespace Monitoring.Core.Detection;

/// <summary>
/// When a link counts as degraded (CONTRACT §2): median RSSI below <see cref="RssiBelow"/> dBm, median loss above
/// <see cref="LossAbove"/> %, or median latency above <see cref="LatencyAbove"/> ms over the degraded window.
/// Configured per model as <c>Detection:Degraded:{model}:*</c>; each threshold a model leaves out falls back to
/// <c>Detection:Degraded:Default:*</c>, then to -80 dBm, 5 % and 300 ms.
/// </summary>
public sealed class LinkThresholds
{
    public const string DefaultModel = "Default";

    public double? RssiBelow { get; set; }
    public double? LossAbove { get; set; }
    public double? LatencyAbove { get; set; }

    /// <summary>These thresholds with what they leave out taken from <paramref name="fallback"/>, then from the contract's defaults.</summary>
    public LinkThresholds Over(LinkThresholds? fallback) => new()
    {
        RssiBelow = RssiBelow ?? fallback?.RssiBelow ?? -80,
        LossAbove = LossAbove ?? fallback?.LossAbove ?? 5,
        LatencyAbove = LatencyAbove ?? fallback?.LatencyAbove ?? 300,
    };

    public bool Breached(double? rssi, double? loss, double? latency) =>
        rssi < RssiBelow || loss > LossAbove || latency > LatencyAbove;

    public IEnumerable<string> Problems(string key)
    {
        if (RssiBelow is { } rssi && (!double.IsFinite(rssi) || rssi is > 0 or < -200)) yield return $"{key}:RssiBelow must be a dBm value between -200 and 0 (was {rssi}).";
        if (LossAbove is { } loss && (!double.IsFinite(loss) || loss is < 0 or > 100)) yield return $"{key}:LossAbove must be a percentage between 0 and 100 (was {loss}).";
        if (LatencyAbove is { } latency && (!double.IsFinite(latency) || latency <= 0)) yield return $"{key}:LatencyAbove must be a positive number of milliseconds (was {latency}).";
    }
}
