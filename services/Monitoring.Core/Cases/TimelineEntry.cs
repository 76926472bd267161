namespace Monitoring.Core.Cases;

/// <summary>One event in a case's history. <see cref="Device"/> names the device it concerns, when it concerns one.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Event, string Detail, string? Device = null)
{
    public const string Opened = "opened";
    public const string DeviceOnline = "device_online";
    public const string DeviceOffline = "device_offline";
    public const string Acknowledged = "acknowledged";
    public const string Note = "note";
    public const string Resolved = "resolved";
    public const string Flapping = "flapping";
    public const string LongDrop = "long_drop";
    public const string FoldedIn = "folded_in";
    public const string Merged = "merged";
    public const string DevicesJoined = "devices_joined";
    public const string Escalated = "escalated";
}
