namespace Monitoring.Notifications.Email;

/// <summary>A rendered customer email: subject, plain-text and HTML bodies.</summary>
internal sealed record CustomerEmail(string Subject, string Text, string Html);
