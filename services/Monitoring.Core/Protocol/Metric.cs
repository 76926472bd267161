namespace Monitoring.Core.Protocol;

/// <summary>One named numeric reading from a heartbeat, e.g. <c>rssi_dbm = -61</c>.</summary>
public readonly record struct Metric(string Name, double Value);
