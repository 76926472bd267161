namespace Monitoring.Core.Devices;

/// <summary>An entry on a device's own timeline: a state change, or a blip too short to become a case.</summary>
public sealed record DeviceEvent(string Tenant, string DeviceId, DateTimeOffset At, string Event, string Detail)
{
    public const string FirstSeen = "first_seen";
    public const string WentOnline = "online";
    public const string WentOffline = "offline";
    public const string Blip = "blip";
    public const string WentUnreachable = "unreachable";
}
