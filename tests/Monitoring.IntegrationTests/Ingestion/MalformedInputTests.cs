using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Ingestion;

/// <summary>
/// A message that breaks the contract is refused whole, counted under its reason on <c>/metrics</c>, stores nothing,
/// and the worker goes on with the next message.
/// </summary>
public sealed class MalformedInputTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private const string Rejected = "monitoring_heartbeats_rejected_total";
    private const string Received = "monitoring_heartbeats_received_total";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Theory]
    [MemberData(nameof(MalformedInputs.All), MemberType = typeof(MalformedInputs))]
    public async Task MalformedMessage_IsCountedUnderItsReason_StoresNothing_AndTheWorkerGoesOn(string reason, string topic, string payload)
    {
        var server = fixture.Server;
        var tenant = UniqueId.New("bad");
        var device = UniqueId.New("dev");
        var before = await server.Api.MetricsAsync();
        await using var client = await DeviceClient.ConnectAsync(server.MqttPort);

        await client.PublishAsync(MalformedInputs.Topic(topic, tenant, device), MalformedInputs.Payload(payload));
        // A good heartbeat after it, from the same client: once it is stored, the bad one has been handled.
        var sentinelTenant = UniqueId.New("ok");
        await client.PublishHeartbeatAsync(sentinelTenant, "after-bad", new { interval_s = 60 });

        await Polling.Eventually(async () => await server.Api.DeviceStateAsync(sentinelTenant, "after-bad") == "online", Patience,
            "a good heartbeat sent after the bad one is accepted");
        var after = await Polling.Eventually(server.Api.MetricsAsync,
            m => m.Sum(Rejected, ("reason", reason)) > before.Sum(Rejected, ("reason", reason)), Patience, $"{Rejected}{{reason=\"{reason}\"}} counts it");
        Assert.Equal(1, after.Sum(Rejected, ("reason", reason)) - before.Sum(Rejected, ("reason", reason)));
        Assert.Equal(1, after.Sum(Rejected) - before.Sum(Rejected));
        Assert.Equal(1, after.Sum(Received, ("channel", "heartbeat")) - before.Sum(Received, ("channel", "heartbeat")));
        Assert.Null(await server.Api.FindDeviceAsync(tenant, device));
        Assert.Empty(await server.Api.AllDevicesAsync(tenant));
    }
}
