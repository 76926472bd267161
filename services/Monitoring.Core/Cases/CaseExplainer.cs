using System.Globalization;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Cases;

/// <summary>
/// Writes a case's title, suspected cause and suggested steps from the evidence on the device:
/// how it went down (silence, Last Will, its gateway's word), how long, and its last readings.
/// </summary>
public static class CaseExplainer
{
    private const double WeakRssiDbm = -80;
    private const double HighLossPct = 5;
    private const double HighLatencyMs = 300;
    private const double LowBatteryPct = 15;

    public static string Title(DeviceRecord device)
    {
        var what = device.Kind == DeviceKind.Gateway ? "Gateway" : "Device";
        var model = device.Model is null ? "" : $" ({device.Model})";
        var where = device.Site is null ? "" : $" at {device.Site}";
        return $"{what} {device.Id}{model}{where} offline";
    }

    public static string SuspectedCause(DeviceRecord device, TimeSpan expectedInterval)
    {
        var parts = new List<string>();
        var lastUp = device.OutageStartedAt ?? device.StateSince ?? DateTimeOffset.UnixEpoch;
        switch (device.DownCause)
        {
            case DownCause.StatusOffline:
                parts.Add($"Its MQTT connection ended without a goodbye (Last Will) or it reported itself offline at {Time(device.StateSince)}: a sudden loss of power or network is likely.");
                break;
            case DownCause.ReportedByGateway:
                parts.Add($"Its gateway {device.Parent} reported it offline at {Time(device.StateSince)} while the gateway itself stayed up: the device, its battery or its radio link to the gateway failed.");
                break;
            default:
                var silent = (device.StateSince ?? lastUp) - lastUp;
                parts.Add($"No heartbeat since {Time(lastUp)}: silent for {Seconds(silent)} while it reports every {Seconds(expectedInterval)}, and its connection did not announce a close.");
                break;
        }

        parts.AddRange(ReadingFindings(device));
        if (device.UptimeSeconds is { } uptime)
        {
            parts.Add($"It had been up {Seconds(TimeSpan.FromSeconds(uptime))} at its last heartbeat.");
        }

        return string.Join(" ", parts);
    }

    public static IReadOnlyList<string> SuggestedSteps(DeviceRecord device)
    {
        var steps = new List<string>();
        if (device.DownCause == DownCause.ReportedByGateway)
        {
            steps.Add($"Check that {device.Id} has power or a charged battery.");
            steps.Add($"Bring {device.Id} within range of gateway {device.Parent}, or the gateway nearer to it.");
            steps.Add($"Re-pair {device.Id} with gateway {device.Parent} if it stays offline.");
            return steps;
        }

        steps.Add($"Check that {device.Id} has power: its status light should be on.");
        steps.Add(device.Site is null
            ? "Check the internet connection where the device is installed (router lights, another device online)."
            : $"Check the internet connection at {device.Site} (router lights, other devices there).");
        if (Reading(device, MetricNames.RssiDbm) is < WeakRssiDbm)
        {
            steps.Add($"Move {device.Id} nearer to its access point: its signal was weak before it dropped.");
        }

        if (Reading(device, MetricNames.BatteryPct) is < LowBatteryPct)
        {
            steps.Add($"Replace or charge the battery of {device.Id}.");
        }

        steps.Add($"Power-cycle {device.Id}: unplug it for 10 seconds, then plug it back in.");
        return steps;
    }

    private static IEnumerable<string> ReadingFindings(DeviceRecord device)
    {
        var readings = new List<string>();
        if (Reading(device, MetricNames.RssiDbm) is { } rssi) readings.Add($"RSSI {Number(rssi)} dBm{(rssi < WeakRssiDbm ? " (weak)" : "")}");
        if (Reading(device, MetricNames.LossPct) is { } loss) readings.Add($"loss {Number(loss)} %{(loss > HighLossPct ? " (high)" : "")}");
        if (Reading(device, MetricNames.LatencyMs) is { } latency) readings.Add($"latency {Number(latency)} ms{(latency > HighLatencyMs ? " (high)" : "")}");
        if (Reading(device, MetricNames.BatteryPct) is { } battery) readings.Add($"battery {Number(battery)} %{(battery < LowBatteryPct ? " (low)" : "")}");
        if (readings.Count > 0)
        {
            yield return $"Last readings: {string.Join(", ", readings)}.";
        }

        if (Reading(device, MetricNames.RssiDbm) is < WeakRssiDbm || Reading(device, MetricNames.LossPct) is > HighLossPct)
        {
            yield return "The link was already poor before the drop, which points to the radio or network path rather than the device.";
        }
    }

    private static double? Reading(DeviceRecord device, string name) => device.Reading(name);

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal);

    private static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "an unknown time";

    private static string Seconds(TimeSpan span) => span.TotalSeconds < 120
        ? $"{span.TotalSeconds:0} s"
        : span.TotalMinutes < 120 ? $"{span.TotalMinutes:0} min" : $"{span.TotalHours:0.#} h";
}
