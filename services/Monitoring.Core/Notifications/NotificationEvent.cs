namespace Monitoring.Core.Notifications;

/// <summary>The events a delivery carries (CONTRACT §6), as <c>X-Monitoring-Event</c> and the body's <c>event</c>.</summary>
public static class NotificationEvent
{
    public const string CaseOpened = "case.opened";
    public const string CaseUpdated = "case.updated";
    public const string CaseResolved = "case.resolved";
}
