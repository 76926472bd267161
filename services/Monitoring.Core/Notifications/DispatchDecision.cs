namespace Monitoring.Core.Notifications;

/// <summary>
/// What to do now with a contact's due messages: send each of <see cref="Sends"/> (one message, or several folded into
/// one digest), or hold them all until <see cref="HoldUntil"/> for <see cref="HoldReason"/>.
/// </summary>
public sealed record DispatchDecision(IReadOnlyList<IReadOnlyList<Delivery>> Sends, DateTimeOffset? HoldUntil, string? HoldReason)
{
    public static DispatchDecision Hold(DateTimeOffset until, string reason) => new([], until, reason);
}
