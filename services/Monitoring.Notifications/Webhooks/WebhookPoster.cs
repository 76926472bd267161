using System.Net.Http.Headers;
using Monitoring.Core.Notifications;

namespace Monitoring.Notifications.Webhooks;

/// <summary>Posts one delivery to a webhook: a ticket system's (signed with its secret) or a premium customer's.</summary>
internal sealed class WebhookPoster(IHttpClientFactory clients)
{
    public const string ClientName = "notifications";

    public async Task PostAsync(Delivery delivery, string url, string? secret, CancellationToken cancellationToken)
    {
        var body = WebhookBody.Serialize(delivery.Event, delivery.Case);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookHeaders.Event, delivery.Event);
        request.Headers.Add(WebhookHeaders.Delivery, delivery.Id);
        if (secret is { Length: > 0 })
        {
            request.Headers.Add(WebhookHeaders.Signature, WebhookBody.Signature(body, secret));
        }

        using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }
}
