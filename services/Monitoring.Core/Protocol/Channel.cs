namespace Monitoring.Core.Protocol;

/// <summary>The last segment of a device topic: what the message is about.</summary>
public enum Channel
{
    Heartbeat,
    Status,
}
