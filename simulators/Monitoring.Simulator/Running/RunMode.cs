namespace Monitoring.Simulator;

/// <summary>How the fleet reaches the broker.</summary>
internal enum RunMode
{
    /// <summary>Every heartbeat multiplexed over a few connections; a silenced device just stops publishing.</summary>
    Load,

    /// <summary>One connection per publisher with a retained birth and a Last Will; a silenced device drops its connection.</summary>
    Presence,
}
