namespace Monitoring.Core.Protocol;

/// <summary>Metric names are <c>[a-z][a-z0-9_]{0,63}</c>.</summary>
public static class MetricNames
{
    public const string RssiDbm = "rssi_dbm";
    public const string SnrDb = "snr_db";
    public const string LatencyMs = "latency_ms";
    public const string LossPct = "loss_pct";
    public const string BatteryPct = "battery_pct";

    public static bool IsValid(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.IsEmpty || utf8Name.Length > 64 || utf8Name[0] is < (byte)'a' or > (byte)'z')
        {
            return false;
        }

        foreach (var b in utf8Name)
        {
            if (b is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }
}
