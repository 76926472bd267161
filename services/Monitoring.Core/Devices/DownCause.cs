namespace Monitoring.Core.Devices;

/// <summary>How the monitor learned a device was down.</summary>
public enum DownCause
{
    /// <summary>No heartbeat within interval × MissedHeartbeats.</summary>
    Silence,

    /// <summary>A <c>status</c> of offline arrived: the device said so, or the broker published its Last Will.</summary>
    StatusOffline,

    /// <summary>Its gateway reported it offline.</summary>
    ReportedByGateway,

    /// <summary>Its gateway is down, so nothing can be known of it: it is unreachable, not offline.</summary>
    GatewayDown,
}
