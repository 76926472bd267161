using System.Globalization;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// The InfluxDB 1.x the series benchmark writes to: <c>MONITORING_TEST_INFLUXDB</c> when set, else a private one that
/// deps.sh starts in a fresh folder on a free loopback port and stops afterwards.
/// </summary>
internal sealed class InfluxServer : IAsyncDisposable
{
    private readonly string _repo;
    private readonly string? _depsDir;
    private readonly Dictionary<string, string> _env;

    private InfluxServer(string repo, int port, string? depsDir, Dictionary<string, string> env)
    {
        _repo = repo;
        Port = port;
        _depsDir = depsDir;
        _env = env;
    }

    public int Port { get; }

    public string Url => $"http://{Loopback.Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string Describe => _depsDir is null ? $"MONITORING_TEST_INFLUXDB={Loopback.Host}:{Port}" : $"private InfluxDB 1.6 on {Loopback.Host}:{Port} (deps.sh, fresh data folder)";

    public static async Task<InfluxServer> StartAsync(string repo)
    {
        var given = Environment.GetEnvironmentVariable("MONITORING_TEST_INFLUXDB");
        if (!string.IsNullOrEmpty(given))
        {
            var colon = given.LastIndexOf(':');
            if (given[..colon] is not ("127.0.0.1" or "localhost"))
            {
                throw new InvalidOperationException($"MONITORING_TEST_INFLUXDB={given}: the harness only sends traffic to loopback");
            }

            return new InfluxServer(repo, int.Parse(given[(colon + 1)..], CultureInfo.InvariantCulture), null, []);
        }

        var dir = Directory.CreateTempSubdirectory("monitoring-bench-influx-").FullName;
        var port = Loopback.FreePort();
        var env = new Dictionary<string, string> { ["MONITORING_DEPS_DIR"] = dir, ["MONITORING_INFLUXDB_PORT"] = port.ToString(CultureInfo.InvariantCulture) };
        var script = Path.Combine(repo, "deploy/local/deps.sh");
        var (code, output) = await ChildProcess.RunAsync("bash", [script, "install", "influxdb"], TimeSpan.FromMinutes(5), env);
        if (code == 0)
        {
            (code, output) = await ChildProcess.RunAsync("bash", [script, "start", "influxdb"], TimeSpan.FromSeconds(120), env);
        }

        if (code != 0)
        {
            throw new InvalidOperationException($"deps.sh start influxdb failed ({code}):\n{output}");
        }

        return new InfluxServer(repo, port, dir, env);
    }

    public async ValueTask DisposeAsync()
    {
        if (_depsDir is null) return;
        try
        {
            await ChildProcess.RunAsync("bash", [Path.Combine(_repo, "deploy/local/deps.sh"), "stop", "influxdb"], TimeSpan.FromSeconds(60), _env);
            Directory.Delete(_depsDir, recursive: true);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"harness: could not stop the private InfluxDB in {_depsDir}: {ex.Message}");
        }
    }
}
