using System.Security.Cryptography;
using System.Text.Json;
using Monitoring.Core.Cases;
using Monitoring.Core.Json;

namespace Monitoring.Notifications;

/// <summary>The body of a webhook post, <c>{"event": …, "case": {…}}</c> with the case in the API's shape, and its signature.</summary>
public static class WebhookBody
{
    public static byte[] Serialize(string @event, SupportCase @case) =>
        JsonSerializer.SerializeToUtf8Bytes(new Envelope(@event, @case), ContractJson.Options);

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of <paramref name="body"/> keyed with <paramref name="secret"/>.</summary>
    public static string Signature(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));

    private sealed record Envelope(string Event, SupportCase Case);
}
