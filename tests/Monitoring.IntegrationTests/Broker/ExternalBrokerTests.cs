using System.Globalization;
using Monitoring.IntegrationTests.Deps;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Broker;

/// <summary>
/// Workers on a real Mosquitto (External mode, no broker role). Each test uses its own topic root, so tests sharing
/// the one Mosquitto never see each other's messages.
/// </summary>
public sealed class ExternalBrokerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Heartbeat_ThroughMosquitto_MakesDeviceOnline()
    {
        var (host, port) = LocalDeps.Mosquitto();
        var root = UniqueId.New("t");
        using var data = new TempFolder();
        await using var server = await MonitoringServer.StartAsync(ServerArguments.Defaults(data.Path).External(host, port, root));
        await using var device = await DeviceClient.ConnectAsync(port, root: root, host: host);

        await device.PublishHeartbeatAsync("acme", "ext-1", new { interval_s = 60, site = "site-1", metrics = new { rssi_dbm = -70 } });

        var seen = await Polling.Eventually(() => server.Api.FindDeviceAsync("acme", "ext-1"),
            d => d?.GetProperty("state").GetString() == "online", Patience, "ext-1 online through Mosquitto");
        Assert.Equal("site-1", seen!.Value.GetProperty("site").GetString());
        Assert.Equal(-70, seen.Value.GetProperty("metrics").GetProperty("rssi_dbm").GetDouble());
    }

    /// <remarks>
    /// The workers run as separate processes, as they are deployed: OpenTelemetry listens to meters by name across a
    /// process, so two hosts in one process would each report the other's counters too.
    /// </remarks>
    [Fact]
    public async Task TwoWorkersInOneSharedGroup_SplitTheStream_AndTogetherIngestEveryHeartbeat()
    {
        const int devices = 200;
        var (host, port) = LocalDeps.Mosquitto();
        var root = UniqueId.New("t");
        using var dataA = new TempFolder();
        using var dataB = new TempFolder();
        await using var workerA = await ServerProcess.StartAsync(ServerArguments.Defaults(dataA.Path).External(host, port, root));
        await using var workerB = await ServerProcess.StartAsync(ServerArguments.Defaults(dataB.Path).External(host, port, root));
        await using var publisher = await DeviceClient.ConnectAsync(port, root: root, host: host);

        for (var i = 0; i < devices; i++)
        {
            await publisher.PublishHeartbeatAsync("split", Device(i), new { interval_s = 600 });
        }

        var received = await Polling.Eventually(async () => (await HeartbeatsAsync(workerA), await HeartbeatsAsync(workerB)),
            r => r.Item1 + r.Item2 >= devices, Patience, $"the two workers together receive {devices} heartbeats");
        Assert.Equal(devices, received.Item1 + received.Item2);
        Assert.True(received.Item1 > 0 && received.Item2 > 0, $"each worker receives a share: {received.Item1} and {received.Item2}");

        var idsA = await StoredIdsAsync(workerA, (int)received.Item1);
        var idsB = await StoredIdsAsync(workerB, (int)received.Item2);
        Assert.Empty(idsA.Intersect(idsB));
        Assert.Equal(Enumerable.Range(0, devices).Select(Device).Order(), idsA.Union(idsB).Order());
    }

    private static string Device(int i) => "d" + i.ToString("000", CultureInfo.InvariantCulture);

    private static async Task<double> HeartbeatsAsync(ServerProcess server) =>
        (await server.Api.MetricsAsync()).Sum("monitoring_heartbeats_received_total", ("channel", "heartbeat"));

    private static async Task<List<string>> StoredIdsAsync(ServerProcess server, int expected)
    {
        var stored = await Polling.Eventually(() => server.Api.AllDevicesAsync("split"), d => d.Count >= expected, Patience,
            $"{expected} devices stored by {server.Arguments.BaseAddress}");
        return stored.Select(d => d.GetProperty("id").GetString()!).ToList();
    }
}
