namespace Monitoring.Notifications;

/// <summary><c>Notifications:Smtp</c>: the mail server customers' emails go through.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public string From { get; set; } = "monitoring@localhost";
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>Upgrade the connection with STARTTLS before sending (and before credentials are sent).</summary>
    public bool UseTls { get; set; }
}
