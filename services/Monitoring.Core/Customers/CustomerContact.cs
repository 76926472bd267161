using System.Text.Json.Serialization;

namespace Monitoring.Core.Customers;

/// <summary>One way to reach a customer: <c>{"type": "email", "address": …}</c> or <c>{"type": "webhook", "url": …}</c>.</summary>
public sealed record CustomerContact(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Address = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null)
{
    public const string Email = "email";
    public const string Webhook = "webhook";

    /// <summary>Where a message to this contact goes: the address or the URL.</summary>
    [JsonIgnore]
    public string Destination => (Type == Email ? Address : Url) ?? "";
}
