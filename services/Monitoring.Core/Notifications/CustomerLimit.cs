namespace Monitoring.Core.Notifications;

/// <summary>At most <see cref="Messages"/> messages to one contact within <see cref="Window"/>; a burst beyond it is folded into a digest.</summary>
public sealed record CustomerLimit(int Messages, TimeSpan Window);
