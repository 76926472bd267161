using System.Globalization;
using Monitoring.Core.Cases;

namespace Monitoring.Notifications.Email;

/// <summary>How a customer message names what a case is about, by the names the customer knows: device, gateway, site.</summary>
internal static class CaseWording
{
    /// <summary>What we noticed, as a sentence without its full stop: "your device hb-1 at site-17 stopped reporting".</summary>
    public static string Noticed(SupportCase c) => c.Kind switch
    {
        CaseKind.GatewayOffline => $"your gateway {c.Subject.Id}{AtSite(c)} went offline{Behind(c)}",
        CaseKind.SiteOutage => $"your site {c.Subject.Id} went offline ({Devices(c.Devices.Count)} affected)",
        CaseKind.CohortOutage => $"{Devices(c.Devices.Count)} of yours of model {c.Subject.Id} stopped reporting",
        CaseKind.Flapping => $"your device {c.Subject.Id}{AtSite(c)} keeps losing its connection",
        CaseKind.DegradedConnectivity => $"your device {c.Subject.Id}{AtSite(c)} has a poor connection",
        _ => $"your device {c.Subject.Id}{AtSite(c)} stopped reporting",
    };

    /// <summary>The subject of the case, short: "device hb-1", "site site-17".</summary>
    public static string Short(SupportCase c) => c.Subject.Type switch
    {
        CaseSubject.Cohort => $"{Devices(c.Devices.Count)} of model {c.Subject.Id}",
        _ => $"{c.Subject.Type} {c.Subject.Id}",
    };

    /// <summary>A duration as a person says it: "45 seconds", "12 minutes", "3 hours 5 minutes", "2 days 4 hours".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        static string Unit(long n, string name) => $"{n.ToString(CultureInfo.InvariantCulture)} {name}{(n == 1 ? "" : "s")}";
        if (span < TimeSpan.FromMinutes(1)) return Unit((long)span.TotalSeconds, "second");
        if (span < TimeSpan.FromHours(1)) return Unit((long)span.TotalMinutes, "minute");
        if (span < TimeSpan.FromDays(1)) return span.Minutes == 0 ? Unit((long)span.TotalHours, "hour") : $"{Unit((long)span.TotalHours, "hour")} {Unit(span.Minutes, "minute")}";
        return span.Hours == 0 ? Unit((long)span.TotalDays, "day") : $"{Unit((long)span.TotalDays, "day")} {Unit(span.Hours, "hour")}";
    }

    /// <summary>
    /// When the last impacted device came back, for a case that resolved because its devices did: the outage ended
    /// then, not when the case closed after the recovery had held.
    /// </summary>
    public static DateTimeOffset? BackAt(SupportCase c) =>
        c.Resolution == CaseResolution.AutoRecovered
            ? c.Timeline.Where(e => e.Event == TimelineEntry.DeviceOnline && e.At >= c.OutageStartedAt).Select(e => (DateTimeOffset?)e.At).Max()
            : null;

    /// <summary>A moment in the customer's time zone (UTC when they gave none): "2026-12-01 09:14 (Europe/Berlin)".</summary>
    public static string Moment(DateTimeOffset at, TimeZoneInfo zone) =>
        $"{TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zone.Id})";

    private static string AtSite(SupportCase c) => c.Site is { Length: > 0 } site ? $" at {site}" : "";

    private static string Behind(SupportCase c) =>
        c.Devices.Count > 1 ? $", and {Devices(c.Devices.Count - 1)} behind it cannot be reached" : "";

    private static string Devices(int n) => n == 1 ? "1 device" : $"{n.ToString(CultureInfo.InvariantCulture)} devices";
}
