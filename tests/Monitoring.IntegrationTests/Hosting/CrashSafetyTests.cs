using System.Globalization;
using Monitoring.IntegrationTests.Deps;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Hosting;

/// <summary>
/// The server binary on a real Mosquitto, killed and restarted on the same data folder and MQTT client id: what it
/// acknowledged was durable, and what it never acknowledged the broker hands over again.
/// </summary>
public sealed class CrashSafetyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServerKilledMidStream_AfterRestartHoldsEveryDevicePublished()
    {
        const int devices = 500;
        const int killAfter = 200;
        var (host, port) = LocalDeps.Mosquitto();
        var root = UniqueId.New("t");
        using var data = new TempFolder();
        var arguments = ServerArguments.Defaults(data.Path).External(host, port, root);
        await using var server = await ServerProcess.StartAsync(arguments);
        await using var publisher = await DeviceClient.ConnectAsync(port, root: root, host: host);
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < devices; i++)
            {
                // QoS 1: each publish returns once Mosquitto holds the message for the worker's persistent session.
                await publisher.PublishHeartbeatAsync("crash", Device(i), new { interval_s = 3600, seq = i });
                if (i + 1 == killAfter)
                {
                    halfway.SetResult();
                }
            }
        });
        await halfway.Task;
        server.Kill();
        await publishing;
        Assert.False(server.IsRunning);

        await server.StartAsync();

        var stored = await Polling.Eventually(() => server.Api.AllDevicesAsync("crash"), d => d.Count >= devices, Patience,
            $"all {devices} devices stored after the restart");
        var ids = stored.Select(d => d.GetProperty("id").GetString()!).Order().ToList();
        Assert.Equal(Enumerable.Range(0, devices).Select(Device).Order(), ids);
        Assert.All(stored, d => Assert.Equal("online", d.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task ServerStoppedGracefully_KeepsDeviceStateAcrossTheRestart()
    {
        var (host, port) = LocalDeps.Mosquitto();
        var root = UniqueId.New("t");
        using var data = new TempFolder();
        await using var server = await ServerProcess.StartAsync(ServerArguments.Defaults(data.Path).External(host, port, root));
        await using (var device = await DeviceClient.ConnectAsync(port, root: root, host: host))
        {
            await device.PublishHeartbeatAsync("keep", "gw-1", new { interval_s = 3600, kind = "gateway", site = "site-3", model = "HB-200", fw = "1.0.0" });
        }

        var before = await Polling.Eventually(() => server.Api.FindDeviceAsync("keep", "gw-1"),
            d => d?.GetProperty("state").GetString() == "online", Patience, "gw-1 online");
        using (var registered = await server.Http.PutAsync("api/v1/tenants/keep/devices/sensor-9",
            new StringContent("""{"site":"site-3","model":"TH-1"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);
        }

        var exitCode = await server.StopAsync(TimeSpan.FromSeconds(40));
        Assert.True(exitCode == 0, $"a graceful stop exits 0, was {exitCode}:\n{server.Output}");
        await server.StartAsync();

        var after = (await server.Api.FindDeviceAsync("keep", "gw-1"))!.Value;
        Assert.Equal("online", after.GetProperty("state").GetString());
        Assert.Equal(before!.Value.GetProperty("lastSeen").GetString(), after.GetProperty("lastSeen").GetString());
        Assert.Equal("site-3", after.GetProperty("site").GetString());
        Assert.Equal("gateway", after.GetProperty("kind").GetString());
        Assert.Equal("1.0.0", after.GetProperty("fw").GetString());
        Assert.Equal(3600, after.GetProperty("intervalSeconds").GetInt32());
        var sensor = (await server.Api.FindDeviceAsync("keep", "sensor-9"))!.Value;
        Assert.Equal("unknown", sensor.GetProperty("state").GetString());
        Assert.Equal("TH-1", sensor.GetProperty("model").GetString());
    }

    private static string Device(int i) => "d" + i.ToString("000", CultureInfo.InvariantCulture);
}
