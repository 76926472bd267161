using System.Collections.Concurrent;
using System.Diagnostics;

namespace Monitoring.Benchmarks.Harness;

/// <summary>Starting, watching and stopping child processes; output is drained continuously so a full pipe never blocks them.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Process _process;
    private readonly string _name;

    private ChildProcess(Process process, string name, Action<string>? onLine)
    {
        _process = process;
        _name = name;
        void Take(string? line)
        {
            if (line is null) return;
            _lines.Enqueue(line);
            while (_lines.Count > 2000 && _lines.TryDequeue(out _))
            {
            }

            onLine?.Invoke(line);
        }

        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public static ChildProcess Start(string file, IEnumerable<string> args, string name, IDictionary<string, string>? env = null, Action<string>? onLine = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        return new ChildProcess(process, name, onLine);
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? env = null)
    {
        using var child = Start(file, args, file, env);
        await child.WaitForExitAsync(timeout);
        return (child.ExitCode, string.Join('\n', child.Lines));
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{_name} did not finish within {timeout.TotalSeconds:0} s; its last output:\n{Tail(30)}");
        }
    }

    /// <summary>SIGTERM (a graceful stop, as an orchestrator sends), then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task<int?> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return _process.ExitCode;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return null;
        }
    }

    public string Tail(int lines) => string.Join('\n', Lines.TakeLast(lines));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
