namespace Monitoring.Core.Stores;

/// <summary>
/// A customer getting in touch with support (a call, a mail, a chat), recorded so the support figures can tell
/// whether the monitor noticed the problem first. It names the customer, the device, or both.
/// </summary>
public sealed record SupportContact
{
    public const string UnknownChannel = "unknown";
    public const int MaxChannelLength = 32;

    public required string Id { get; init; }
    public required string Tenant { get; init; }
    public string? Customer { get; init; }
    public string? Device { get; init; }

    /// <summary>When the customer got in touch.</summary>
    public DateTimeOffset At { get; init; }

    public string Channel { get; init; } = UnknownChannel;

    /// <summary>When support recorded it.</summary>
    public DateTimeOffset RecordedAt { get; init; }
}
