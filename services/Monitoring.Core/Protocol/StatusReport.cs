namespace Monitoring.Core.Protocol;

/// <summary>A decoded <c>status</c> message: the device's own word (or its Last Will) on being online.</summary>
public readonly record struct StatusReport(bool Online);
