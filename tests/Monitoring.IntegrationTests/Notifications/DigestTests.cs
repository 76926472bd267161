using Monitoring.IntegrationTests.Infrastructure;
using static Monitoring.IntegrationTests.Notifications.NotificationScenario;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>A burst of problems for one customer beyond their limit arrives folded into a digest, not as a flood of mails.</summary>
public sealed class DigestTests
{
    [Fact]
    public async Task BurstOfCasesBeyondTheCustomerLimit_ArrivesAsADigest_NamingEveryDevice()
    {
        await using var server = await MonitoringServer.StartAsync(
            [.. Settings(), "--Notifications:CustomerLimit=1", "--Notifications:CustomerLimitWindow=00:00:03"]);
        var tenant = UniqueId.New("t");
        var address = NewAddress();
        await PutCustomerAsync(server.Api, tenant, "cust-d", new { name = "Dairy Barn", contacts = new[] { new { type = "email", address } } });
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        var devices = new[] { "hb-d1", "hb-d2", "hb-d3", "hb-d4" };

        // Four unrelated devices (own site, own model) of one customer fall silent together.
        for (var i = 0; i < devices.Length; i++)
        {
            await device.PublishHeartbeatAsync(tenant, devices[i], new { interval_s = 1, model = $"M-{i}", fw = "1.0", site = $"site-{i}", customer = "cust-d" });
        }

        await Polling.Eventually(async () => (await server.Api.AllDevicesAsync(tenant, "&state=online")).Count == devices.Length, Patience, "four devices online");
        var deliveries = await Polling.Eventually(() => DeliveriesAsync(server.Api, tenant, "delivered"), d => d.Count == devices.Length, Patience, "four alerts delivered");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var mails = Mail.To(address);
        Assert.InRange(mails.Count, 1, 2);
        Assert.Contains(mails, m => m.TextBody!.Contains("updates so that your inbox is not flooded"));
        Assert.All(mails, m => Assert.StartsWith("We noticed a problem", m.Subject));
        var text = string.Join("\n", mails.Select(m => m.TextBody));
        Assert.All(devices, d => Assert.Contains($"your device {d}", text));
        Assert.Equal(mails.Count, deliveries.Select(d => d.GetProperty("deliveredAt").GetString()).Distinct().Count());
    }
}
