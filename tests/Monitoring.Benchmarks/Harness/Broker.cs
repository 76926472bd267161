using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// The Mosquitto the run uses: MONITORING_TEST_MOSQUITTO (host:port) when set, else a private one started by
/// <c>deploy/local/deps.sh start mosquitto</c> in a fresh temp folder on a free loopback port, so no queued session of an
/// earlier run competes for the shared subscription. Stopped again on dispose when this run started it.
/// </summary>
internal sealed class Broker : IAsyncDisposable
{
    private readonly string _repo;
    private readonly string? _depsDir;
    private readonly Dictionary<string, string> _env;

    private Broker(string repo, string host, int port, string? depsDir, Dictionary<string, string> env)
    {
        _repo = repo;
        Host = host;
        Port = port;
        _depsDir = depsDir;
        _env = env;
    }

    public string Host { get; }
    public int Port { get; }

    /// <summary>Whether this run started the broker (its CPU can then be attributed to this run alone).</summary>
    public bool Private => _depsDir is not null;

    public string Describe => Private ? $"private Mosquitto on {Host}:{Port} (deps.sh, fresh data folder)" : $"MONITORING_TEST_MOSQUITTO={Host}:{Port}";

    public int? Pid
    {
        get
        {
            if (_depsDir is null) return null;
            var file = Path.Combine(_depsDir, "mosquitto", "mosquitto.pid");
            return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
    }

    public static async Task<Broker> StartAsync(string repo)
    {
        var given = Environment.GetEnvironmentVariable("MONITORING_TEST_MOSQUITTO");
        if (!string.IsNullOrEmpty(given))
        {
            var colon = given.LastIndexOf(':');
            var host = given[..colon];
            if (host is not ("127.0.0.1" or "localhost"))
            {
                throw new InvalidOperationException($"MONITORING_TEST_MOSQUITTO={given}: the harness only sends traffic to loopback");
            }

            return new Broker(repo, Loopback.Host, int.Parse(given[(colon + 1)..], CultureInfo.InvariantCulture), null, []);
        }

        var dir = Directory.CreateTempSubdirectory("monitoring-bench-deps-").FullName;
        var port = Loopback.FreePort();
        var env = new Dictionary<string, string> { ["MONITORING_DEPS_DIR"] = dir, ["MONITORING_MOSQUITTO_PORT"] = port.ToString(CultureInfo.InvariantCulture) };
        var (code, output) = await ChildProcess.RunAsync("bash", [Path.Combine(repo, "deploy/local/deps.sh"), "start", "mosquitto"], TimeSpan.FromSeconds(120), env);
        if (code != 0)
        {
            throw new InvalidOperationException($"deps.sh start mosquitto failed ({code}):\n{output}");
        }

        Console.WriteLine($"harness: {output.Trim().Split('\n')[^2]}");
        return new Broker(repo, Loopback.Host, port, dir, env);
    }

    /// <summary>Ends a persistent session the server left behind (clean start, no expiry), so it stops holding a share of the group.</summary>
    public async Task ForgetSessionAsync(string clientId)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer(Host, Port).WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).WithSessionExpiryInterval(0).Build();
        await client.ConnectAsync(options);
        await client.DisconnectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_depsDir is null) return;
        try
        {
            await ChildProcess.RunAsync("bash", [Path.Combine(_repo, "deploy/local/deps.sh"), "stop", "mosquitto"], TimeSpan.FromSeconds(60), _env);
            Directory.Delete(_depsDir, recursive: true);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"harness: could not stop the private Mosquitto in {_depsDir}: {ex.Message}");
        }
    }
}
