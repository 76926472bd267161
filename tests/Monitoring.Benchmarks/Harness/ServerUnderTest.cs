using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Monitoring.Benchmarks.Harness;

/// <summary>The real server binary (Release build) as a child process, configured as CONTRACT §7 documents.</summary>
internal sealed class ServerUnderTest : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789abcdef";
    private readonly ChildProcess _process;

    private ServerUnderTest(ChildProcess process, Uri baseAddress, string clientId, Stopwatch started)
    {
        _process = process;
        BaseAddress = baseAddress;
        ClientId = clientId;
        Started = started;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public Uri BaseAddress { get; }
    public string ClientId { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Pid;

    /// <summary>Running since the process was started.</summary>
    public Stopwatch Started { get; }

    public static string Dll(string repo) =>
        Environment.GetEnvironmentVariable("MONITORING_SERVER_DLL") is { Length: > 0 } dll
            ? dll
            : Path.Combine(repo, "services/Monitoring.Server/bin/Release/net10.0/Monitoring.Server.dll");

    public static ServerUnderTest Start(string repo, Broker broker, string database, string clientId, string topicRoot = "fleet", IEnumerable<string>? settings = null)
    {
        var dll = Dll(repo);
        if (!File.Exists(dll)) throw new FileNotFoundException($"build the server first: dotnet build -c Release ({dll})");
        var port = Loopback.FreePort();
        var url = $"http://{Loopback.Host}:{port}";
        string[] args =
        [
            dll, "--Roles=ingest,detect,api", "--Mqtt:Mode=External", $"--Mqtt:Host={broker.Host}",
            $"--Mqtt:Port={broker.Port.ToString(CultureInfo.InvariantCulture)}", $"--Mqtt:TopicRoot={topicRoot}", $"--Mqtt:ClientId={clientId}",
            $"--Urls={url}", $"--Api:AdminKey={AdminKey}", $"--Storage:ConnectionString=Data Source={database}",
            $"--Metrics:Sqlite:ConnectionString=Data Source={database}.metrics", $"--Metrics:Spool:Path={database}.spool",
            .. settings ?? [],
        ];
        var started = Stopwatch.StartNew();
        var process = ChildProcess.Start("dotnet", args, "server", new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        return new ServerUnderTest(process, new Uri(url), clientId, started);
    }

    /// <summary>Waits for <c>/readyz</c> 200 and returns the time from process start.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (Started.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the server exited with {_process.ExitCode}:\n{_process.Tail(40)}");
            try
            {
                using var response = await probe.GetAsync("/readyz");
                if (response.IsSuccessStatusCode) return Started.Elapsed;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"the server was not ready after {timeout.TotalSeconds:0} s:\n{_process.Tail(40)}");
    }

    public ProcStats Stats() => ProcStats.Read(_process.Pid);

    public Task<Prometheus> ScrapeAsync() => Prometheus.ScrapeAsync(Http);

    public async Task<int?> StopAsync()
    {
        var code = await _process.StopAsync(TimeSpan.FromSeconds(40));
        return code;
    }

    public string Tail(int lines) => _process.Tail(lines);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await _process.StopAsync(TimeSpan.FromSeconds(20));
        _process.Dispose();
        Http.Dispose();
    }
}
