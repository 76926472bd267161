namespace Monitoring.Core.Protocol;

/// <summary>The bounds of contract §1 that a decoder enforces.</summary>
public sealed record ProtocolLimits
{
    public const int MaxMetrics = 64;
    public const int MaxChildren = 1024;
    public const int MaxStringLength = 128;
    public const int MinIntervalSeconds = 1;
    public const int MaxIntervalSeconds = 86_400;

    public int MaxPayloadBytes { get; init; } = 16 * 1024;
}
