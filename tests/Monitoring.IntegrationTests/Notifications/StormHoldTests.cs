using Microsoft.Extensions.DependencyInjection;
using Monitoring.Core.Cases;
using Monitoring.Core.Stores;
using Monitoring.IntegrationTests.Infrastructure;
using static Monitoring.IntegrationTests.Notifications.NotificationScenario;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>While a fleet incident is open in the tenant nothing goes to its customers; what waited goes once it resolves.</summary>
public sealed class StormHoldTests
{
    [Fact]
    public async Task OpenFleetIncident_HoldsCustomerMail_AndReleasesItWhenTheIncidentResolves()
    {
        await using var server = await MonitoringServer.StartAsync([.. Settings()]);
        var tenant = UniqueId.New("t");
        var address = NewAddress();
        await PutCustomerAsync(server.Api, tenant, "cust-s", new { name = "Storm Tea", contacts = new[] { new { type = "email", address } } });
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort);
        await ReportThenFallSilentAsync(device, server.Api, tenant, "hb-s", "cust-s");
        await Polling.Eventually(() => Task.FromResult(Mail.To(address, "We noticed a problem").Count == 1), Patience, "the alert before the storm");
        var deviceCase = Assert.Single(await server.Api.CasesAsync(tenant, "device=hb-s")).GetProperty("id").GetString();

        var now = DateTimeOffset.UtcNow;
        var incident = new SupportCase
        {
            Id = CaseIds.New(now),
            Tenant = tenant,
            Kind = CaseKind.FleetIncident,
            Severity = CaseSeverity.Critical,
            Subject = new CaseSubject(CaseSubject.Fleet, tenant),
            Title = "Many devices fell silent at once",
            SuspectedCause = "the monitor's own pipeline or the broker",
            OutageStartedAt = now,
            OpenedAt = now,
        };
        await server.Services.GetRequiredService<ICaseStore>().SaveAsync([incident], [], CancellationToken.None);
        async Task<bool> DeviceCaseResolved() =>
            (await server.Api.GetJsonAsync($"api/v1/tenants/{tenant}/cases/{deviceCase}")).GetProperty("status").GetString() == "resolved";
        await ReportUntilAsync(device, tenant, "hb-s", "cust-s", DeviceCaseResolved, "the device case resolves by itself");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Empty(Mail.To(address, "Resolved:"));
        var pending = await DeliveriesAsync(server.Api, tenant, "pending");
        var held = Assert.Single(pending, d => d.GetProperty("channel").GetString() == "email");
        Assert.True(pending.Count == 1, string.Join("\n", pending.Select(d => d.GetRawText())));
        Assert.Equal("case.resolved", held.GetProperty("event").GetString());
        Assert.Equal(0, held.GetProperty("attempts").GetInt32());

        using var resolveIncident = await server.Http.PostAsync($"api/v1/tenants/{tenant}/cases/{incident.Id}/resolve", null);
        resolveIncident.EnsureSuccessStatusCode();
        var released = await Polling.Eventually(() => Task.FromResult(Mail.To(address, "Resolved:")), m => m.Count > 0, Patience, "the follow-up after the storm");

        Assert.Single(released);
        Assert.Equal(2, Mail.To(address).Count);
    }
}
