using System.Diagnostics;
using System.Globalization;

namespace Monitoring.IntegrationTests.Deps;

/// <summary>
/// Real dependencies for integration tests: the address in the environment
/// (set by deploy/local/test.sh), or else the dependency installed and started
/// by deploy/local/deps.sh, once per process.
/// </summary>
public static class LocalDeps
{
    private const string MosquittoVariable = "MONITORING_TEST_MOSQUITTO";
    private const string InfluxDbVariable = "MONITORING_TEST_INFLUXDB";
    private const string VictoriaMetricsVariable = "MONITORING_TEST_VICTORIA_METRICS";
    private const string SmtpVariable = "MONITORING_TEST_SMTP";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<(string Host, int Port)> s_smtp =
        new(() => Resolve("smtp", SmtpVariable), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<(string Host, int Port)> s_mosquitto =
        new(() => Resolve("mosquitto", MosquittoVariable), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<(string Host, int Port)> s_influxDb =
        new(() => Resolve("influxdb", InfluxDbVariable), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<(string Host, int Port)> s_victoriaMetrics =
        new(() => Resolve("victoria-metrics", VictoriaMetricsVariable), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Host and port of a running MQTT broker (mosquitto).</summary>
    public static (string Host, int Port) Mosquitto() => s_mosquitto.Value;

    /// <summary>Host and HTTP port of a running InfluxDB 1.x (Debian's influxdb).</summary>
    public static (string Host, int Port) InfluxDb() => s_influxDb.Value;

    /// <summary>Host and HTTP port of a running VictoriaMetrics, which takes InfluxDB's /api/v2/write.</summary>
    public static (string Host, int Port) VictoriaMetrics() => s_victoriaMetrics.Value;
    /// <summary>Host and port of a running SMTP sink (aiosmtpd) that keeps every mail in <see cref="SmtpMaildir"/>.</summary>
    public static (string Host, int Port) Smtp() => s_smtp.Value;

    /// <summary>The Maildir the SMTP sink writes to (deps.sh keeps it in its state folder).</summary>
    public static string SmtpMaildir()
    {
        Smtp();
        return Path.Combine(DepsDir(), "smtp", "maildir");
    }

    private static (string Host, int Port) Resolve(string component, string variable)
    {
        var value = Variable(variable);
        if (value is null)
        {
            var repoRoot = FindRepoRoot();
            var depsDir = DepsDir();
            var output = RunScript(repoRoot, depsDir, "install", component)
                + RunScript(repoRoot, depsDir, "start", component);
            var envFile = Path.Combine(depsDir, "env");
            value = ReadEnvFile(envFile, variable) ?? throw new InvalidOperationException(
                $"deps.sh start {component} wrote no {variable} to {envFile}:\n{output}");
            Environment.SetEnvironmentVariable(variable, value);
        }

        var colon = value.LastIndexOf(':');
        if (colon > 0
            && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= 65535)
        {
            return (value[..colon].Trim('[', ']'), port);
        }

        throw new InvalidOperationException($"{variable}='{value}' is not host:port.");
    }

    // Same default as deps.sh: ${MONITORING_DEPS_DIR:-${TMPDIR:-/tmp}/monitoring-deps}.
    private static string DepsDir() =>
        Variable("MONITORING_DEPS_DIR") ?? Path.Combine(Variable("TMPDIR") ?? "/tmp", "monitoring-deps");

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;

    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitoring.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Monitoring.sln.");
    }

    private static string? ReadEnvFile(string path, string variable)
    {
        var prefix = $"export {variable}=";
        var line = File.Exists(path)
            ? File.ReadLines(path).Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            : null;
        return line?[prefix.Length..].Trim('"', '\'');
    }

    internal static string RunScript(string repoRoot, string depsDir, string command, string component, IDictionary<string, string>? environment = null)
    {
        // One stream (2>&1) read on its own thread: callers may block every
        // thread-pool thread while they wait for the first resolution.
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "-c", "exec bash \"$@\" 2>&1", "bash", "deploy/local/deps.sh", command, component })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["MONITORING_DEPS_DIR"] = depsDir;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)
            ?? throw new InvalidOperationException("Cannot start bash.");
        process.StandardInput.Close();
        var output = Task.Factory.StartNew(
            process.StandardOutput.ReadToEnd, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var commandLine = $"bash deploy/local/deps.sh {command} {component}";
        if (!process.WaitForExit(ScriptTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{commandLine} did not finish within {ScriptTimeout}:\n{Read(output)}");
        }

        return process.ExitCode == 0
            ? Read(output)
            : throw new InvalidOperationException($"{commandLine} exited with {process.ExitCode}:\n{Read(output)}");
    }

    private static string Read(Task<string> output) =>
        output.Wait(TimeSpan.FromSeconds(10)) ? output.Result : "(output still open after the script ended)";
}
