using Monitoring.Core.Devices;

namespace Monitoring.Core.Maintenance;

/// <summary>
/// A planned period in which outages in <see cref="Scope"/> open no case and notify nobody. It is in effect from
/// <see cref="From"/> (inclusive) until <see cref="Until"/> (exclusive): its planned <see cref="To"/>, or the moment it
/// was removed (<see cref="EndedAt"/>) when that came first. A removed window is kept, so detection can still tell
/// that a device's window has just ended.
/// </summary>
public sealed record MaintenanceWindow
{
    public const string Scheduled = "scheduled";
    public const string Active = "active";
    public const string Ended = "ended";

    public required string Id { get; init; }
    public required string Tenant { get; init; }
    public required MaintenanceScope Scope { get; init; }
    public DateTimeOffset From { get; init; }
    public DateTimeOffset To { get; init; }
    public string? Reason { get; init; }

    /// <summary>When the window was removed, or null while it stands as planned.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The end of the window's effect: <see cref="To"/>, or <see cref="EndedAt"/> when it was removed earlier.</summary>
    public DateTimeOffset Until => EndedAt is { } ended && ended < To ? ended : To;

    public bool InEffectAt(DateTimeOffset at) => From <= at && at < Until;

    /// <summary>Whether the window holds back cases for <paramref name="device"/> at <paramref name="at"/>.</summary>
    public bool Covers(DeviceRecord device, DateTimeOffset at) =>
        device.Tenant == Tenant && InEffectAt(at) && Scope.Covers(device);

    /// <summary><see cref="Scheduled"/>, <see cref="Active"/> or <see cref="Ended"/> at <paramref name="now"/>.</summary>
    public string StatusAt(DateTimeOffset now) =>
        now >= Until ? Ended : now >= From ? Active : Scheduled;

    /// <summary>The window removed at <paramref name="at"/>; removing it again keeps the first removal.</summary>
    public MaintenanceWindow RemovedAt(DateTimeOffset at) => EndedAt is not null ? this : this with { EndedAt = at, UpdatedAt = at };
}
