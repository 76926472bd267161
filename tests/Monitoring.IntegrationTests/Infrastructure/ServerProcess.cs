using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// The real server binary as a child process (<c>dotnet Monitoring.Server.dll</c>, copied next to the tests by the
/// project reference), so a test can kill it with SIGKILL, as a crash would, and start it again on the same data
/// folder, ports and MQTT client id.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private ServerProcess(ServerArguments arguments)
    {
        Arguments = arguments;
        Http = new HttpClient { BaseAddress = arguments.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerArguments.AdminKey);
        Api = new MonitoringApi(Http);
    }

    public ServerArguments Arguments { get; }

    public HttpClient Http { get; }

    public MonitoringApi Api { get; }

    /// <summary>What the process wrote to stdout and stderr, across restarts (the latest lines).</summary>
    public string Output => string.Join('\n', _output);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the server and waits for <c>/readyz</c> 200.</summary>
    public static async Task<ServerProcess> StartAsync(ServerArguments arguments)
    {
        var server = new ServerProcess(arguments);
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the server with <paramref name="arguments"/> until it exits by itself (a refused start); kills it after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(ServerArguments arguments, TimeSpan timeout)
    {
        var server = new ServerProcess(arguments);
        await using (server)
        {
            var process = server.Launch();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the server did not exit within {timeout}; output:\n{server.Output}");
            }

            process.WaitForExit(); // drains the redirected output
            return (process.ExitCode, server.Output);
        }
    }

    /// <summary>Starts the process again (after <see cref="Kill"/> or <see cref="StopAsync"/>) with the same arguments.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("the server process is already running");
        }

        var process = Launch();
        await Polling.Eventually(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server process exited with {process.ExitCode} before it was ready:\n{Output}");
            }

            return await Api.IsReadyAsync();
        }, ReadyTimeout, $"server process at {Arguments.BaseAddress} answers /readyz 200");
    }

    /// <summary>SIGKILL, the whole process tree, as a crash or an OOM kill would end it: no shutdown code runs.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod, and waits for the graceful exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("the server process was never started");
        if (!process.HasExited)
        {
            var pid = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid } })!)
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
                throw new TimeoutException($"the server did not stop within {timeout} of SIGTERM; output:\n{Output}");
            }
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }

    private Process Launch()
    {
        _process?.Dispose();
        var folder = AppContext.BaseDirectory;
        var dll = Path.Combine(folder, "Monitoring.Server.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Monitoring.Server.dll is not next to the test assembly; the project reference copies it there", dll);
        }

        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in Arguments.ToArgs())
        {
            info.ArgumentList.Add(argument);
        }

        // The server reads its settings from the command line only, not from what the test runner's environment holds.
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("DOTNET_URLS");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Keep($"--- started pid {process.Id}");
        return process;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
