namespace Monitoring.Core.Customers;

/// <summary>What a customer record must satisfy before it is stored; each problem names the field.</summary>
public static class CustomerRules
{
    public const int MaxNameLength = 128;
    public const int MaxContacts = 16;
    private const int MaxAddressLength = 254;
    private const int MaxUrlLength = 2048;

    /// <summary>The first problem with <paramref name="customer"/>, or null when it can be stored.</summary>
    public static string? Problem(Customer customer)
    {
        if (string.IsNullOrWhiteSpace(customer.Name) || customer.Name.Length > MaxNameLength)
        {
            return $"name must be 1..{MaxNameLength} characters";
        }

        if (!CustomerTier.All.Contains(customer.Tier))
        {
            return $"tier must be one of {string.Join(", ", CustomerTier.All)}";
        }

        if (customer.Contacts.Count > MaxContacts)
        {
            return $"contacts may hold at most {MaxContacts} entries";
        }

        for (var i = 0; i < customer.Contacts.Count; i++)
        {
            if (ContactProblem(customer.Contacts[i]) is { } problem)
            {
                return $"contacts[{i}]: {problem}";
            }
        }

        return customer.QuietHours is { } quiet ? QuietHoursProblem(quiet) : null;
    }

    private static string? ContactProblem(CustomerContact? contact) => contact?.Type switch
    {
        null => "a contact must be an object with a type",
        CustomerContact.Email => IsEmailAddress(contact.Address) ? null : $"address '{contact.Address}' is not an email address",
        CustomerContact.Webhook => IsWebhookUrl(contact.Url) ? null : $"url '{contact.Url}' is not an absolute http or https URL",
        _ => $"type must be {CustomerContact.Email} or {CustomerContact.Webhook}",
    };

    private static string? QuietHoursProblem(QuietHours quiet)
    {
        if (!QuietHours.TryParseTime(quiet.From, out var from))
        {
            return $"quietHours.from '{quiet.From}' is not a time of day as HH:mm";
        }

        if (!QuietHours.TryParseTime(quiet.To, out var to))
        {
            return $"quietHours.to '{quiet.To}' is not a time of day as HH:mm";
        }

        if (from == to)
        {
            return "quietHours.from and quietHours.to must differ";
        }

        return QuietHours.TryFindZone(quiet.TimeZone, out _) ? null : $"quietHours.timeZone '{quiet.TimeZone}' is not an IANA time zone";
    }

    /// <summary>One <c>@</c> between a local part and a domain, no spaces, quotes or angle brackets: what SMTP can deliver to.</summary>
    public static bool IsEmailAddress(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxAddressLength || address.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';' or '"'))
        {
            return false;
        }

        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@'))
        {
            return false;
        }

        var domain = address[(at + 1)..];
        return domain.Length > 0 && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..");
    }

    public static bool IsWebhookUrl(string? url) =>
        url is { Length: > 0 and <= MaxUrlLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
