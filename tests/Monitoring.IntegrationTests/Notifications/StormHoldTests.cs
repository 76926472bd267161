using Monitoring.IntegrationTests.Infrastructure;
using static Monitoring.IntegrationTests.Notifications.NotificationScenario;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>
/// While a fleet incident is open in the tenant nothing goes to its customers; what waited goes once it resolves.
/// The storm guard runs with a five-device tenant and a 50 % fraction, so four devices falling silent together are a storm.
/// </summary>
public sealed class StormHoldTests
{
    private static readonly string[] Others = ["st-1", "st-2", "st-3", "st-4"];

    [Fact]
    public async Task OpenFleetIncident_HoldsCustomerMail_AndReleasesItWhenTheIncidentResolves()
    {
        await using var server = await MonitoringServer.StartAsync(
            [.. Settings(), "--Detection:StormMinDevices=5", "--Detection:StormFraction=0.5", "--Detection:StormWindow=00:00:10"]);
        var tenant = UniqueId.New("t");
        var address = NewAddress();
        await PutCustomerAsync(server.Api, tenant, "cust-s", new { name = "Storm Tea", contacts = new[] { new { type = "email", address } } });
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        using var othersReport = new CancellationTokenSource();
        var others = ReportAsync(device, tenant, Others, othersReport.Token);

        // The customer's device drops alone: an ordinary case, and its alert goes out.
        await ReportThenFallSilentAsync(device, server.Api, tenant, "hb-s", "cust-s");
        await Polling.Eventually(() => Task.FromResult(Mail.To(address, "We noticed a problem").Count == 1), Patience, "the alert before the storm");
        var deviceCase = Assert.Single(await server.Api.CasesAsync(tenant, "device=hb-s")).GetProperty("id").GetString();

        // Every other device falls silent at once: a fleet incident. The customer's device comes back meanwhile.
        await othersReport.CancelAsync();
        await others;
        var incident = await Polling.Eventually(() => server.Api.CasesAsync(tenant, "kind=fleet_incident&status=open"), c => c.Count == 1, Patience, "a fleet incident");
        async Task<bool> DeviceCaseResolved() =>
            (await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/cases/{deviceCase}")).GetProperty("status").GetString() == "resolved";
        await ReportUntilAsync(device, tenant, "hb-s", "cust-s", DeviceCaseResolved, "the device case resolves by itself during the storm");
        using var customerDeviceReports = new CancellationTokenSource();
        var customerDevice = ReportAsync(device, tenant, ["hb-s"], customerDeviceReports.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal("open", (await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/cases/{incident[0].GetProperty("id").GetString()}")).GetProperty("status").GetString());
        Assert.Empty(Mail.To(address, "Resolved:"));
        var pending = await DeliveriesAsync(server.Api, tenant, "pending");
        var held = Assert.Single(pending);
        Assert.Equal("case.resolved", held.GetProperty("event").GetString());
        Assert.Equal(0, held.GetProperty("attempts").GetInt32());

        // The others report again: the incident resolves, and the follow-up that waited goes out.
        using var othersAgain = new CancellationTokenSource();
        var resumed = ReportAsync(device, tenant, Others, othersAgain.Token);
        var released = await Polling.Eventually(() => Task.FromResult(Mail.To(address, "Resolved:")), m => m.Count > 0, Patience, "the follow-up after the storm");
        await Task.WhenAll(othersAgain.CancelAsync(), customerDeviceReports.CancelAsync());
        await Task.WhenAll(resumed, customerDevice);

        Assert.Single(released);
        Assert.Equal(2, Mail.To(address).Count);
        Assert.Equal("resolved", (await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/cases/{incident[0].GetProperty("id").GetString()}")).GetProperty("status").GetString());
    }

    /// <summary>Each of <paramref name="ids"/> (own site, own model) reports every 250 ms until cancelled.</summary>
    private static Task ReportAsync(DeviceClient device, string tenant, IReadOnlyList<string> ids, CancellationToken stop) => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var id in ids)
            {
                var heartbeat = id == "hb-s"
                    ? Heartbeat("cust-s")
                    : new { interval_s = 1, model = $"M-{id}", fw = "1.0", site = $"site-{id}", customer = (string?)null };
                await device.PublishHeartbeatAsync(tenant, id, heartbeat);
            }

            await Task.Delay(250, CancellationToken.None);
        }
    }, CancellationToken.None);
}
