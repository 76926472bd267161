using System.Globalization;
using Monitoring.IntegrationTests.Deps;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// A private InfluxDB 1.x that a test may stop and start again on the same data, as an outage would: deps.sh's
/// <c>influxdb</c> component in a folder of its own, on a free loopback port. The shared instance stays untouched.
/// </summary>
public sealed class InfluxProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly TempFolder _deps = new("monitoring-influx");
    private readonly string _repo = LocalDeps.FindRepoRoot();
    private readonly Dictionary<string, string> _environment;

    private InfluxProcess()
    {
        Port = FreePort.Next();
        _environment = new() { ["MONITORING_INFLUXDB_PORT"] = Port.ToString(CultureInfo.InvariantCulture) };
        Query = new InfluxQuery(new Uri($"{Url}/"));
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public InfluxQuery Query { get; }

    public static async Task<InfluxProcess> StartAsync()
    {
        // The shared instance's resolution installs the package when it is missing.
        LocalDeps.InfluxDb();
        var influx = new InfluxProcess();
        await influx.StartAgainAsync();
        return influx;
    }

    public async Task StartAgainAsync()
    {
        await Task.Run(() => LocalDeps.RunScript(_repo, _deps.Path, "start", "influxdb", _environment));
        await Polling.Eventually(Query.PingAsync, StartTimeout, $"influxd on port {Port} answers /ping");
    }

    /// <summary>Stops influxd and waits until its port is closed.</summary>
    public async Task StopAsync()
    {
        await Task.Run(() => LocalDeps.RunScript(_repo, _deps.Path, "stop", "influxdb", _environment));
        await Polling.Eventually(async () => !await Query.PingAsync(), StartTimeout, $"influxd on port {Port} stopped");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Query.Dispose();
        _deps.Dispose();
    }
}
