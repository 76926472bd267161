using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Ingestion;

/// <summary>
/// CONTRACT §4: every message under the root is either accepted (by channel) or rejected (by reason), so the two
/// counters add up to what arrived. The test has a server of its own, and no other runs meanwhile, so the counters
/// hold its messages only.
/// </summary>
public sealed class IngestionCounterTests
{
    private const string Rejected = "monitoring_heartbeats_rejected_total";
    private const string Received = "monitoring_heartbeats_received_total";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AcceptedPlusRejected_EqualsEveryMessagePublishedUnderTheRoot()
    {
        await using var server = await MonitoringServer.StartAsync($"--Mqtt:MaxPayloadBytes={EmbeddedServerFixture.MaxPayloadBytes}");
        await using var client = await DeviceClient.ConnectAsync(server.MqttPort);
        var tenant = UniqueId.New("count");
        var published = 0;
        foreach (var row in MalformedInputs.All)
        {
            var (topic, payload) = ((string)row[1], (string)row[2]);
            await client.PublishAsync(MalformedInputs.Topic(topic, tenant, "dev-x"), MalformedInputs.Payload(payload));
            published++;
        }

        for (var i = 0; i < 5; i++)
        {
            await client.PublishHeartbeatAsync(tenant, $"good-{i}", new { interval_s = 60 });
            published++;
        }

        await client.PublishStatusAsync(tenant, "good-0", "online", retain: false);
        published++;

        var metrics = await Polling.Eventually(server.Api.MetricsAsync, m => m.Sum(Received) + m.Sum(Rejected) >= published, Patience,
            $"accepted + rejected reach the {published} messages published");
        Assert.Equal(published, metrics.Sum(Received) + metrics.Sum(Rejected));
        Assert.Equal(5, metrics.Sum(Received, ("channel", "heartbeat")));
        Assert.Equal(1, metrics.Sum(Received, ("channel", "status")));
        foreach (var reason in MalformedInputs.All.Select(r => (string)r[0]).Distinct())
        {
            var expected = MalformedInputs.All.Count(r => (string)r[0] == reason);
            var counted = metrics.Sum(Rejected, ("reason", reason));
            Assert.True(expected == counted, $"{Rejected}{{reason=\"{reason}\"}} is {counted}, expected {expected}");
        }

        await Polling.Eventually(() => server.Api.AllDevicesAsync(tenant), d => d.Count >= 5, Patience, "the 5 good heartbeats are stored");
        Assert.Equal(5, (await server.Api.AllDevicesAsync(tenant)).Count);
        Assert.Null(await server.Api.FindDeviceAsync(tenant, "dev-x"));
    }
}
