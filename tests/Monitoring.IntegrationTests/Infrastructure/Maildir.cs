using MimeKit;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>The SMTP sink's Maildir as a test reads it: the mails that reached one address.</summary>
public sealed class Maildir(string folder)
{
    public IReadOnlyList<MimeMessage> To(string address)
    {
        var mails = new List<MimeMessage>();
        foreach (var sub in new[] { "new", "cur" })
        {
            var dir = Path.Combine(folder, sub);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                MimeMessage mail;
                try
                {
                    mail = MimeMessage.Load(file);
                }
                catch (IOException)
                {
                    continue; // being moved by the sink; read on the next poll
                }

                if (mail.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                {
                    mails.Add(mail);
                }
            }
        }

        return mails.OrderBy(m => m.Date).ToList();
    }

    /// <summary>Mails to <paramref name="address"/> whose subject starts with <paramref name="subjectStart"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address, string subjectStart) =>
        To(address).Where(m => (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal)).ToList();
}
