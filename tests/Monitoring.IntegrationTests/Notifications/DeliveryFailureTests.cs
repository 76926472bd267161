using System.Net;
using Monitoring.IntegrationTests.Infrastructure;
using static Monitoring.IntegrationTests.Notifications.NotificationScenario;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>
/// Receivers that fail (500, a hang past the attempt timeout, a refused connection) get every attempt with the same
/// delivery id, then the delivery is dead, once; a retry through the API delivers it when the receiver is well again.
/// </summary>
public sealed class DeliveryFailureTests
{
    [Fact]
    public async Task FailingReceivers_GetEachAttemptThenOneDeadLetter_AndARetryThroughTheApiDelivers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var never = new CancellationTokenSource();
        var healthy = false;
        receiver.Answer("broken", _ => healthy ? ReceiverAnswer.Ok : ReceiverAnswer.Fail(500));
        receiver.Answer("slow", _ => ReceiverAnswer.HangUntil(Task.Delay(Timeout.Infinite, never.Token)));
        var refused = $"http://127.0.0.1:{FreePort.Next()}/hook";
        await using var server = await MonitoringServer.StartAsync(
            [.. Settings(("broken", receiver.Url("broken")), ("slow", receiver.Url("slow")), ("refused", refused))]);
        var tenant = UniqueId.New("t");
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);

        await ReportThenFallSilentAsync(device, server.Api, tenant, "hb-f", "cust-f");
        var dead = await Polling.Eventually(() => DeliveriesAsync(server.Api, tenant, "dead"), d => d.Count == 3, Patience, "three dead letters");

        Assert.All(dead, d => Assert.Equal(3, d.GetProperty("attempts").GetInt32()));
        Assert.All(dead, d => Assert.Equal("case.opened", d.GetProperty("event").GetString()));
        string Error(string destination) => dead.Single(d => d.GetProperty("destination").GetString() == destination).GetProperty("lastError").GetString()!;
        Assert.Contains("500", Error("broken"));
        Assert.Contains("timed out", Error("slow"));
        Assert.Contains("refused", Error("refused"), StringComparison.OrdinalIgnoreCase);
        var brokenId = dead.Single(d => d.GetProperty("destination").GetString() == "broken").GetProperty("id").GetString();
        Assert.Equal(3, receiver.Posts("broken").Count);
        Assert.All(receiver.Posts("broken"), p => Assert.Equal(brokenId, p.Delivery));
        Assert.Equal(3, receiver.Posts("slow").Count);
        Assert.Single(receiver.Posts("slow").Select(p => p.Delivery).Distinct());
        Assert.Empty(await DeliveriesAsync(server.Api, tenant, "pending"));

        healthy = true;
        using var retried = await server.Http.PostAsync($"api/v1/tenants/{tenant}/notifications/{brokenId}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var delivered = await Polling.Eventually(() => DeliveriesAsync(server.Api, tenant, "delivered"), d => d.Count == 1, Patience, "the retried delivery");

        Assert.Equal(brokenId, delivered[0].GetProperty("id").GetString());
        Assert.Equal(1, delivered[0].GetProperty("attempts").GetInt32());
        var accepted = Assert.Single(receiver.Accepted("broken"));
        Assert.Equal(brokenId, accepted.Delivery);
        Assert.True(SignatureHolds(accepted));
        Assert.Equal(2, (await DeliveriesAsync(server.Api, tenant, "dead")).Count);
        using var again = await server.Http.PostAsync($"api/v1/tenants/{tenant}/notifications/{brokenId}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await server.Http.PostAsync($"api/v1/tenants/{tenant}/notifications/n_unknown/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await never.CancelAsync();
    }
}
