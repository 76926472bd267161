using Monitoring.IntegrationTests.Infrastructure;
using static Monitoring.IntegrationTests.Notifications.NotificationScenario;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>
/// The notify role in its own process, killed (SIGKILL) while a post is in flight and started again on the same
/// database: what was delivered before is not sent again, the interrupted delivery is retaken once its lease lapses
/// (same delivery id, so the receiver can tell), and what was written while it was down is delivered.
/// </summary>
public sealed class NotifyWorkerCrashTests
{
    [Fact]
    public async Task NotifyWorkerKilledMidDelivery_RestartedSendsNoDuplicateAndLosesNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource();
        var firstDeskPost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Answer("desk", _ =>
        {
            firstDeskPost.TrySetResult();
            return release.Task.IsCompleted ? ReceiverAnswer.Ok : ReceiverAnswer.HangUntil(release.Task);
        });
        using var data = new TempFolder();
        var tickets = new[] { ("desk", receiver.Url("desk")), ("audit", receiver.Url("audit")) };
        var settings = Settings(tickets).Concat(["--Notifications:AttemptTimeout=00:00:10", "--Notifications:LeaseDuration=00:00:11"]);
        var shared = ServerArguments.Defaults(data.Path).With(settings);
        await using var server = await MonitoringServer.StartAsync(shared.Copy().Set("Roles", "broker,ingest,detect,api"));
        await using var worker = await ServerProcess.StartAsync(shared.Copy()
            .Set("Roles", "notify")
            .Set("Urls", $"http://127.0.0.1:{FreePort.Next()}"));
        var tenant = UniqueId.New("t");
        var address = NewAddress();
        await PutCustomerAsync(server.Api, tenant, "cust-k", new { name = "Kiln & Co", contacts = new[] { new { type = "email", address } } });
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);

        await ReportThenFallSilentAsync(device, server.Api, tenant, "hb-k", "cust-k");
        await firstDeskPost.Task.WaitAsync(Patience);
        await Polling.Eventually(() => DeliveriesAsync(server.Api, tenant, "delivered"), d => d.Count == 2, Patience, "audit and the mail delivered");
        worker.Kill();
        release.SetResult();

        var caseId = Assert.Single(await server.Api.CasesAsync(tenant)).GetProperty("id").GetString();
        using var ack = await server.Http.PostAsync($"api/v1/tenants/{tenant}/cases/{caseId}/acknowledge", null);
        ack.EnsureSuccessStatusCode();
        await worker.StartAsync();
        var all = await Polling.Eventually(() => DeliveriesAsync(server.Api, tenant), d => d.Count == 5 && d.All(x => x.GetProperty("status").GetString() == "delivered"),
            Patience, "every delivery done after the restart");
        await Task.Delay(TimeSpan.FromSeconds(1));

        // The interrupted post came again under its delivery id; nothing else came twice.
        var deskOpened = receiver.Posts("desk").Where(p => p.Event == "case.opened").ToList();
        Assert.Equal(2, deskOpened.Count);
        Assert.Single(deskOpened.Select(p => p.Delivery).Distinct());
        Assert.Single(receiver.Posts("desk"), p => p.Event == "case.updated");
        Assert.Equal(3, receiver.Posts("desk").Count);
        Assert.Equal(["case.opened", "case.updated"], receiver.Posts("audit").Select(p => p.Event));
        Assert.Single(Mail.To(address));
        Assert.Equal(
            all.Where(d => d.GetProperty("channel").GetString() == "ticket").Select(d => d.GetProperty("id").GetString()).Order(),
            receiver.Posts("desk").Concat(receiver.Posts("audit")).Select(p => p.Delivery).Distinct().Order());
    }
}
