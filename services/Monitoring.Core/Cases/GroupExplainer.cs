using System.Globalization;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// Titles, suspected causes and suggested steps for cases about more than one device's outage, and for flapping and
/// the monitor's own blind spots, written from the evidence: who went down, how close together, what they share.
/// </summary>
public static class GroupExplainer
{
    public static string Title(OutageGroup group) => group.Kind switch
    {
        CaseKind.GatewayOffline => group.Devices.Count > 1
            ? $"Gateway {group.Subject.Id} offline — {Count(group.Devices.Count - 1, "device")} behind it unreachable"
            : $"Gateway {group.Subject.Id} offline",
        CaseKind.SiteOutage => $"Site {group.Subject.Id} down — {Count(Direct(group).Count, "device")} offline together{Behind(group)}",
        _ => $"{Cohort(group.Subject.Id)}: {Count(group.Devices.Count, "device")} down across {Count(Sites(group).Count, "site")}",
    };

    public static string SuspectedCause(OutageGroup group, DateTimeOffset now, TimeSpan expectedInterval)
    {
        switch (group.Kind)
        {
            case CaseKind.GatewayOffline:
                var gateway = group.Devices[0];
                var cause = CaseExplainer.SuspectedCause(gateway, expectedInterval);
                return group.Devices.Count > 1
                    ? $"{cause} The {Count(group.Devices.Count - 1, "device")} behind it ({Names(group.Devices.Skip(1))}) cannot be reached while it is down: they are not counted as separate outages."
                    : cause;
            case CaseKind.SiteOutage:
                var direct = Direct(group);
                var spread = direct.Max(d => d.OutageStartedAt ?? now) - direct.Min(d => d.OutageStartedAt ?? now);
                var lastWills = direct.Count(d => d.DownCause == DownCause.StatusOffline);
                var how = lastWills == direct.Count ? "all lost their connections at once (Last Will)"
                    : lastWills > 0 ? $"{lastWills} lost their connection (Last Will), the others went silent" : "all went silent";
                return $"Every device at {group.Subject.Id} that connects on its own ({Names(direct)}) went down within {Duration(spread)} of each other, from {Time(group.OutageStartedAt)}: they {how}. "
                    + "One shared cause — the site's internet connection, its router or its power — is far more likely than separate failures.";
            default:
                var sites = Sites(group);
                return $"{Count(group.Devices.Count, "device")} of model {Cohort(group.Subject.Id)} went down within minutes of each other on {Count(sites.Count, "site")} ({string.Join(", ", sites.Take(5))}{(sites.Count > 5 ? ", …" : "")}), "
                    + "while the rest of the fleet stayed up. Sites have separate power and internet, so the model or its firmware is the likely cause — a recent firmware roll-out first of all.";
        }
    }

    public static IReadOnlyList<string> SuggestedSteps(OutageGroup group) => group.Kind switch
    {
        CaseKind.GatewayOffline =>
        [
            $"Check that gateway {group.Subject.Id} has power and its lights are on.",
            group.Devices[0].Site is { } site ? $"Check the internet connection at {site} (router lights, other devices there)." : "Check the internet connection where the gateway is installed.",
            $"Power-cycle gateway {group.Subject.Id} first; wait until it is back online, then power-cycle any device behind it that does not return by itself.",
        ],
        CaseKind.SiteOutage =>
        [
            $"Check the site's internet connection at {group.Subject.Id}: the router's lights, and the provider's status for that address.",
            $"Check that {group.Subject.Id} has power (a tripped breaker or a power cut takes every device down together).",
            "Power-cycle the site's router first, then the gateways, then any device that does not come back by itself.",
        ],
        _ =>
        [
            $"Pause any firmware roll-out of {Cohort(group.Subject.Id)} still in progress.",
            $"Roll the affected devices back to the previous firmware, or ship a fix, and check the release's known issues.",
            "Power-cycle one affected device to see whether it returns; if it does, the firmware fails at run time rather than at boot.",
        ],
    };

    public static string FlappingTitle(DeviceRecord device, int changes, TimeSpan window) =>
        $"{(device.Kind == DeviceKind.Gateway ? "Gateway" : "Device")} {device.Id} flapping — {changes} changes between online and offline in {Duration(window)}";

    public static string FlappingCause(DeviceRecord device, int changes, TimeSpan window)
    {
        var parts = new List<string> { $"It went offline and came back {changes / 2} times in the last {Duration(window)}: its connection is unstable rather than gone." };
        if (device.LastRebootAt is { } reboot && device.Transitions.Count > 0 && reboot >= device.Transitions[0])
        {
            parts.Add($"It restarted at {Time(reboot)} (its uptime went back): a reboot loop or an unstable power supply is likely.");
        }
        else if (device.Reading(Protocol.MetricNames.RssiDbm) is < -80 || device.Reading(Protocol.MetricNames.LossPct) is > 5)
        {
            parts.Add("Its signal was weak or lossy: interference or distance to its access point is likely.");
        }

        return string.Join(" ", parts);
    }

    public static IReadOnlyList<string> FlappingSteps(DeviceRecord device) =>
    [
        $"Check the power supply and cable of {device.Id}: a loose plug or a weak adapter makes a device drop and return.",
        $"Move {device.Id} nearer to its access point or gateway, away from interference (microwaves, metal, other radios).",
        $"Update {device.Id} to the latest firmware if it restarts by itself.",
    ];

    public static string IncidentTitle(string tenant, int silent, long wereOnline) =>
        $"Monitoring blind spot: {Count(silent, "device")} of tenant {tenant} ({Percent(silent, wereOnline)}) went silent at once";

    public static string IncidentCause(int silent, long wereOnline, TimeSpan window) =>
        $"{Count(silent, "device")} of the {wereOnline} that were online ({Percent(silent, wereOnline)}) went silent within {Duration(window)}. "
        + "So many at once points to the MQTT broker, the network between the devices and the monitor, or the monitor's own ingestion, rather than the devices. "
        + "Customer notifications and per-device cases are held while this lasts; devices still down afterwards get their own cases.";

    public static IReadOnlyList<string> IncidentSteps() =>
    [
        "Check the MQTT broker: is it up, how many clients are connected, what do its logs say.",
        "Check the ingestion workers (/readyz, monitoring_heartbeats_received_total) and the network path from the devices to the broker.",
        "Once heartbeats flow again this case resolves itself; look at the devices still down afterwards.",
    ];

    private static List<DeviceRecord> Direct(OutageGroup group) => group.Devices.Where(d => d.Parent is null).ToList();

    private static List<string> Sites(OutageGroup group) =>
        group.Devices.Select(d => d.Site).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static string Behind(OutageGroup group)
    {
        var behind = group.Devices.Count - Direct(group).Count;
        return behind > 0 ? $", {Count(behind, "device")} behind its gateways unreachable" : "";
    }

    private static string Cohort(string subject) => subject.Replace("/", " on firmware ", StringComparison.Ordinal);

    private static string Names(IEnumerable<DeviceRecord> devices)
    {
        var ids = devices.Select(d => d.Id).ToList();
        return ids.Count <= 6 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(5))} and {ids.Count - 5} more";
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Percent(long part, long whole) => whole == 0 ? "0 %" : $"{100.0 * part / whole:0} %";

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) => span.TotalSeconds < 120
        ? $"{span.TotalSeconds:0} s"
        : span.TotalMinutes < 120 ? $"{span.TotalMinutes:0} min" : $"{span.TotalHours:0.#} h";
}
