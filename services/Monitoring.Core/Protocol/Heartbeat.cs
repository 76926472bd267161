using Monitoring.Core.Devices;

namespace Monitoring.Core.Protocol;

/// <summary>A decoded contract-v1 heartbeat. Every field is optional; absent fields are null or empty.</summary>
public sealed record Heartbeat
{
    public static readonly Heartbeat Empty = new();

    public int Version { get; init; } = 1;
    public DateTimeOffset? DeviceTime { get; init; }
    public long? Sequence { get; init; }
    public DeviceKind? Kind { get; init; }
    public int? IntervalSeconds { get; init; }
    public string? Model { get; init; }
    public string? Firmware { get; init; }
    public string? Site { get; init; }
    public string? Customer { get; init; }
    public long? UptimeSeconds { get; init; }
    public IReadOnlyList<Metric> Metrics { get; init; } = [];
    public IReadOnlyList<ChildReport> Children { get; init; } = [];
}
