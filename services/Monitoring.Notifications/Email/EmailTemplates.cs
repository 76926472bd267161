using System.Net;
using System.Text;
using Monitoring.Core.Customers;
using Monitoring.Core.Notifications;

namespace Monitoring.Notifications.Email;

/// <summary>
/// The customer emails, from the case as it was when the message was written: "We noticed a problem" (what, since
/// when, what we think happened, the steps to try in order, that support is on it) and "Resolved:" (how long it
/// lasted). Several messages folded into one digest become one email with a section each. Plain text and HTML are
/// rendered from the same sections, so they always say the same.
/// </summary>
internal static class EmailTemplates
{
    public static CustomerEmail Render(IReadOnlyList<Delivery> messages, Customer? customer)
    {
        var zone = customer?.QuietHours is { } quiet && QuietHours.TryFindZone(quiet.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var sections = messages.Select(m => m.Event == NotificationEvent.CaseResolved ? Resolved(m, zone) : Noticed(m, zone)).ToList();
        var subject = messages.Count == 1 ? sections[0].Subject : DigestSubject(messages);
        var greeting = $"Hello {customer?.Name ?? "there"},";
        var closing = messages.Count > 1
            ? $"This email gathers {messages.Count} updates so that your inbox is not flooded; you do not need to contact us about them."
            : messages[0].Event == NotificationEvent.CaseResolved ? "" : "You do not need to contact us about this: we will write again when it changes.";
        return new CustomerEmail(subject, Text(greeting, sections, closing), Html(greeting, subject, sections, closing));
    }

    private static Section Noticed(Delivery m, TimeZoneInfo zone)
    {
        var c = m.Case;
        var noticed = CaseWording.Noticed(c);
        return new Section(
            $"We noticed a problem: {noticed}",
            [
                $"We noticed a problem: {noticed}.",
                $"Since: {CaseWording.Moment(c.OutageStartedAt, zone)}.",
                $"What we think happened: {c.SuspectedCause}",
            ],
            c.SuggestedSteps,
            $"Our support team already has this as case {c.Id} and is working on it.");
    }

    private static Section Resolved(Delivery m, TimeZoneInfo zone)
    {
        var c = m.Case;
        var end = CaseWording.BackAt(c) ?? c.ResolvedAt ?? m.CreatedAt;
        var lasted = CaseWording.Duration(end - c.OutageStartedAt);
        return new Section(
            $"Resolved: {CaseWording.Short(c)} is back to normal",
            [
                $"Resolved: the problem with {CaseWording.Short(c)} is over. It lasted {lasted}, from {CaseWording.Moment(c.OutageStartedAt, zone)} to {CaseWording.Moment(end, zone)}.",
                $"Case {c.Id} is closed ({(c.Resolution ?? "resolved").Replace('_', ' ')}).",
            ],
            [],
            "Thank you for your patience. If anything still does not work as it should, reply to this email.");
    }

    private static string DigestSubject(IReadOnlyList<Delivery> messages)
    {
        var problems = messages.Count(m => m.Event != NotificationEvent.CaseResolved);
        var resolved = messages.Count - problems;
        return problems > 0
            ? $"We noticed a problem: {problems} new, {resolved} resolved, in one summary"
            : $"Resolved: {resolved} problems with your devices are over";
    }

    private static string Text(string greeting, IReadOnlyList<Section> sections, string closing)
    {
        var text = new StringBuilder().Append(greeting).Append("\n\n");
        foreach (var section in sections)
        {
            if (sections.Count > 1)
            {
                text.Append("== ").Append(section.Subject).Append(" ==\n\n");
            }

            foreach (var paragraph in section.Paragraphs)
            {
                text.Append(paragraph).Append('\n');
            }

            if (section.Steps.Count > 0)
            {
                text.Append("\nWhat you can try, in this order:\n");
                for (var i = 0; i < section.Steps.Count; i++)
                {
                    text.Append(i + 1).Append(". ").Append(section.Steps[i]).Append('\n');
                }
            }

            text.Append('\n').Append(section.Support).Append("\n\n");
        }

        return closing.Length == 0 ? text.ToString() : text.Append(closing).Append('\n').ToString();
    }

    private static string Html(string greeting, string subject, IReadOnlyList<Section> sections, string closing)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(E(subject)).Append("</title></head>")
            .Append("<body style=\"font-family:sans-serif;line-height:1.5\"><p>").Append(E(greeting)).Append("</p>");
        foreach (var section in sections)
        {
            if (sections.Count > 1)
            {
                html.Append("<h2>").Append(E(section.Subject)).Append("</h2>");
            }

            foreach (var paragraph in section.Paragraphs)
            {
                html.Append("<p>").Append(E(paragraph)).Append("</p>");
            }

            if (section.Steps.Count > 0)
            {
                html.Append("<p><strong>What you can try, in this order:</strong></p><ol>");
                foreach (var step in section.Steps)
                {
                    html.Append("<li>").Append(E(step)).Append("</li>");
                }

                html.Append("</ol>");
            }

            html.Append("<p>").Append(E(section.Support)).Append("</p>");
        }

        if (closing.Length > 0)
        {
            html.Append("<p>").Append(E(closing)).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    private sealed record Section(string Subject, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Steps, string Support);
}
