using System.Diagnostics;
using System.Globalization;
using Monitoring.IntegrationTests.Deps;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// A private InfluxDB 1.x (Debian's <c>influxd</c>) on a free loopback port with its data in a temp folder, that a
/// test may stop and start again on the same data, as an outage would. The shared instance of deps.sh stays untouched.
/// </summary>
public sealed class InfluxProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly TempFolder _data = new("monitoring-influx");
    private readonly string _config;
    private Process? _process;

    private InfluxProcess()
    {
        Port = FreePort.Next();
        var rpc = FreePort.Next();
        _config = Path.Combine(_data.Path, "influxdb.conf");
        File.WriteAllText(_config, string.Join('\n',
            "reporting-disabled = true",
            $"bind-address = \"127.0.0.1:{rpc.ToString(CultureInfo.InvariantCulture)}\"",
            "[meta]", $"  dir = \"{_data.Path}/meta\"",
            "[data]", $"  dir = \"{_data.Path}/data\"", $"  wal-dir = \"{_data.Path}/wal\"", "  query-log-enabled = false",
            "[monitor]", "  store-enabled = false",
            "[http]", $"  bind-address = \"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}\"", "  log-enabled = false",
            "[continuous_queries]", "  enabled = false", ""));
        Query = new InfluxQuery(new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/"));
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
        var info = new ProcessStartInfo(File.Exists("/usr/bin/influxd") ? "/usr/bin/influxd" : "influxd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-config");
        info.ArgumentList.Add(_config);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Polling.Eventually(Query.PingAsync, StartTimeout, $"influxd on port {Port} answers /ping");
    }

    /// <summary>Stops influxd (SIGKILL: an outage, not a maintenance window) and waits until its port is closed.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        await Polling.Eventually(async () => !await Query.PingAsync(), StartTimeout, $"influxd on port {Port} stopped");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        Query.Dispose();
        _data.Dispose();
    }
}
