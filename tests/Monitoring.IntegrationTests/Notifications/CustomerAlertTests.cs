using System.Net;
using Monitoring.IntegrationTests.Infrastructure;
using static Monitoring.IntegrationTests.Notifications.NotificationScenario;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>
/// The promise to the customer, end to end on the real SMTP sink and a real HTTP receiver: a device falls silent and
/// its customer gets exactly one "We noticed a problem" mail naming it and what to try, then exactly one "Resolved:"
/// mail once it is back; the ticket system gets signed <c>case.opened</c> and <c>case.resolved</c> posts.
/// </summary>
public sealed class CustomerAlertTests
{
    [Fact]
    public async Task SilentDevice_CustomerGetsOneNoticedMailThenOneResolvedMail_AndTicketsGetSignedPosts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await MonitoringServer.StartAsync([.. Settings(("jira", receiver.Url("jira")))]);
        var tenant = UniqueId.New("t");
        const string customer = "cust-9";
        const string id = "hb-1";
        var address = NewAddress();
        await PutCustomerAsync(server.Api, tenant, customer, new
        {
            name = "Ada's Bakery",
            tier = "premium",
            contacts = new object[] { new { type = "email", address }, new { type = "webhook", url = receiver.Url("bakery") } },
        });
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);

        var silentSince = await ReportThenFallSilentAsync(device, server.Api, tenant, id, customer);
        var noticed = await Polling.Eventually(() => Task.FromResult(Mail.To(address, "We noticed a problem")), m => m.Count > 0, Patience, "the alert mail");
        var silenceToMail = DateTimeOffset.UtcNow - silentSince;

        var opened = Assert.Single(await server.Api.CasesAsync(tenant, $"device={id}"));
        var caseId = opened.GetProperty("id").GetString()!;
        var steps = opened.GetProperty("suggestedSteps").EnumerateArray().Select(s => s.GetString()!).ToList();
        var mail = Assert.Single(noticed);
        var text = TextOf(mail);
        Assert.Contains(id, mail.Subject);
        Assert.Contains("Ada's Bakery", text);
        Assert.Contains(opened.GetProperty("suspectedCause").GetString()!, text);
        Assert.Contains("support team already has this", text);
        var positions = steps.Select((s, i) => text.IndexOf($"{i + 1}. {s}", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, $"every step is listed, numbered, in:\n{text}"));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("<ol>", mail.HtmlBody);
        Assert.Contains(WebUtility.HtmlEncode(steps[0]), mail.HtmlBody);

        await Polling.Eventually(() => Task.FromResult(receiver.Accepted("jira").Count >= 1 && receiver.Accepted("bakery").Count >= 1), Patience, "case.opened posts");
        var ticketOpened = Assert.Single(receiver.Posts("jira"));
        Assert.Equal("case.opened", ticketOpened.Event);
        Assert.True(SignatureHolds(ticketOpened), $"signature {ticketOpened.Signature} is the HMAC-SHA256 of the body");
        Assert.Equal("case.opened", ticketOpened.Json.GetProperty("event").GetString());
        Assert.Equal(caseId, ticketOpened.Json.GetProperty("case").GetProperty("id").GetString());
        Assert.Equal(steps, ticketOpened.Json.GetProperty("case").GetProperty("suggestedSteps").EnumerateArray().Select(s => s.GetString()!));
        Assert.StartsWith("application/json", ticketOpened.ContentType);
        Assert.Equal("case.opened", Assert.Single(receiver.Posts("bakery")).Event);

        await ReportUntilAsync(device, tenant, id, customer, () => Task.FromResult(Mail.To(address, "Resolved:").Count > 0), "the Resolved: mail");
        await Polling.Eventually(() => Task.FromResult(receiver.Accepted("jira").Count >= 2), Patience, "case.resolved post");
        await Task.Delay(TimeSpan.FromSeconds(1)); // anything sent twice would arrive by now

        var resolvedMail = Assert.Single(Mail.To(address, "Resolved:"));
        Assert.Contains("lasted", TextOf(resolvedMail));
        Assert.Single(Mail.To(address, "We noticed a problem"));
        Assert.Equal(2, Mail.To(address).Count);
        Assert.Equal(["case.opened", "case.resolved"], receiver.Posts("jira").Select(p => p.Event));
        Assert.All(receiver.Posts("jira"), p => Assert.True(SignatureHolds(p)));
        Assert.Equal("resolved", receiver.Posts("jira")[1].Json.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(["case.opened", "case.resolved"], receiver.Posts("bakery").Select(p => p.Event));

        var deliveries = await Polling.Eventually(() => DeliveriesAsync(server.Api, tenant), d => d.Count == 6 && d.All(x => x.GetProperty("status").GetString() == "delivered"),
            Patience, "six deliveries, all marked delivered");
        Assert.All(deliveries, d => Assert.Equal(caseId, d.GetProperty("caseId").GetString()));
        Assert.Equal(
            receiver.Posts("jira").Concat(receiver.Posts("bakery")).Select(p => p.Delivery).Order(),
            deliveries.Where(d => d.GetProperty("channel").GetString() != "email").Select(d => d.GetProperty("id").GetString()).Order());
        Assert.Contains(deliveries, d => d.GetProperty("id").GetString() == mail.Headers["X-Monitoring-Delivery"]);
        using var notDead = await server.Http.PostAsync($"api/v1/tenants/{tenant}/notifications/{deliveries[0].GetProperty("id").GetString()}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, notDead.StatusCode);

        // Silence to mail with these settings (1 s interval × 2, ConfirmAfter 1 s, 200 ms passes): the figure in the README.
        Console.WriteLine($"silence-to-mail: {silenceToMail.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task QuietHoursInANonUtcZone_DelayTheAlertUntilTheyEnd()
    {
        await using var server = await MonitoringServer.StartAsync([.. Settings()]);
        var tenant = UniqueId.New("t");
        var address = NewAddress();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu"); // UTC+05:45
        var now = DateTimeOffset.UtcNow;
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var end = localNow.AddSeconds(60 - localNow.Second).AddMilliseconds(-localNow.Millisecond);
        if (end - localNow < TimeSpan.FromSeconds(12))
        {
            end = end.AddMinutes(1);
        }

        var quietEnd = end.ToUniversalTime();
        await PutCustomerAsync(server.Api, tenant, "cust-q", new
        {
            name = "Night Owl Ltd",
            tier = "free",
            contacts = new[] { new { type = "email", address } },
            quietHours = new { from = localNow.AddHours(-1).ToString("HH:mm"), to = end.ToString("HH:mm"), timeZone = "Asia/Kathmandu" },
        });
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);

        await ReportThenFallSilentAsync(device, server.Api, tenant, "hb-q", "cust-q");
        var pending = await Polling.Eventually(() => DeliveriesAsync(server.Api, tenant), d => d.Count == 1, Patience, "the alert is in the outbox");
        Assert.Equal("pending", pending[0].GetProperty("status").GetString());
        Assert.True(DateTimeOffset.UtcNow < quietEnd, "the case opened inside the quiet hours");
        Assert.Empty(Mail.To(address));

        var mail = await Polling.Eventually(() => Task.FromResult(Mail.To(address, "We noticed a problem")), m => m.Count > 0, quietEnd - DateTimeOffset.UtcNow + Patience, "the alert after quiet hours");
        var arrived = DateTimeOffset.UtcNow;
        Assert.True(arrived >= quietEnd, $"arrived {arrived:O}, quiet hours end {quietEnd:O}");
        Assert.Single(mail);
        var delivered = Assert.Single(await Polling.Eventually(() => DeliveriesAsync(server.Api, tenant, "delivered"), d => d.Count == 1, Patience, "the delivery marked"));
        Assert.True(delivered.GetProperty("deliveredAt").GetDateTimeOffset() >= quietEnd);
        Assert.Equal(1, delivered.GetProperty("attempts").GetInt32());
    }
}
