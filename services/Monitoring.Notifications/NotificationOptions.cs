using Monitoring.Core.Customers;

namespace Monitoring.Notifications;

/// <summary>The <c>Notifications</c> section (CONTRACT §6): delivery from the outbox, SMTP, ticket webhooks.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Attempts per delivery before it is dead.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each next one doubles it, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt (an SMTP session, a webhook post) may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a worker holds the rows it claimed beyond the attempt it makes; a killed worker's rows are claimed again after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the outbox is looked at for due rows.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries one worker has in flight at most.</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>How long a destination's circuit stays open after repeated failures.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Emails to one customer address per <see cref="CustomerLimitWindow"/>; a burst beyond it becomes one digest.</summary>
    public int CustomerLimit { get; set; } = 3;

    public TimeSpan CustomerLimitWindow { get; set; } = TimeSpan.FromMinutes(15);

    public SmtpOptions Smtp { get; set; } = new();

    public Dictionary<string, TicketEndpoint> Tickets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Problems()
    {
        if (MaxAttempts is < 1 or > 100) yield return $"{Section}:MaxAttempts must be 1..100 (was {MaxAttempts}).";
        if (RetryBaseDelay <= TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromHours(1))
            yield return $"{Section}:RetryBaseDelay must be positive and at most 01:00:00 (was {RetryBaseDelay}).";
        if (AttemptTimeout <= TimeSpan.Zero) yield return $"{Section}:AttemptTimeout must be positive (was {AttemptTimeout}).";
        if (LeaseDuration <= AttemptTimeout)
            yield return $"{Section}:LeaseDuration must be longer than {Section}:AttemptTimeout (was {LeaseDuration}, timeout {AttemptTimeout}).";
        if (PollInterval <= TimeSpan.Zero) yield return $"{Section}:PollInterval must be positive (was {PollInterval}).";
        if (Concurrency is < 1 or > 1000) yield return $"{Section}:Concurrency must be 1..1000 (was {Concurrency}).";
        if (BreakDuration < TimeSpan.FromMilliseconds(500)) yield return $"{Section}:BreakDuration must be at least 00:00:00.500 (was {BreakDuration}).";
        if (CustomerLimit < 1) yield return $"{Section}:CustomerLimit must be at least 1 (was {CustomerLimit}).";
        if (CustomerLimitWindow < TimeSpan.Zero) yield return $"{Section}:CustomerLimitWindow must not be negative (was {CustomerLimitWindow}).";
        if (string.IsNullOrWhiteSpace(Smtp.Host)) yield return $"{Section}:Smtp:Host must be set.";
        if (Smtp.Port is < 1 or > 65535) yield return $"{Section}:Smtp:Port must be 1..65535 (was {Smtp.Port}).";
        if (!CustomerRules.IsEmailAddress(Smtp.From)) yield return $"{Section}:Smtp:From '{Smtp.From}' is not an email address.";
        if (!string.IsNullOrEmpty(Smtp.Username) && Smtp.Password is null) yield return $"{Section}:Smtp:Password must be set with {Section}:Smtp:Username.";
        foreach (var (name, ticket) in Tickets)
        {
            if (!CustomerRules.IsWebhookUrl(ticket.Url)) yield return $"{Section}:Tickets:{name}:Url '{ticket.Url}' is not an absolute http or https URL.";
            if (string.IsNullOrEmpty(ticket.Secret)) yield return $"{Section}:Tickets:{name}:Secret must be set: receivers check the signature with it.";
        }
    }
}
