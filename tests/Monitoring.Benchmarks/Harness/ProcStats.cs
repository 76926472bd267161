using System.Globalization;

namespace Monitoring.Benchmarks.Harness;

/// <summary>One reading of a Linux process's CPU time (/proc/pid/stat utime+stime) and memory (/proc/pid/status).</summary>
internal readonly record struct ProcStats(double CpuSeconds, long RssKb, long PeakRssKb)
{
    private static readonly Lazy<double> TicksPerSecond = new(() => ReadTicksPerSecond());

    public static ProcStats? TryRead(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name, which sits in parentheses and may contain spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long rss = 0, hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
            }

            return new ProcStats(ticks / TicksPerSecond.Value, rss, hwm);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public static ProcStats Read(int pid) => TryRead(pid) ?? throw new InvalidOperationException($"process {pid} is gone");

    private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static double ReadTicksPerSecond()
    {
        try
        {
            var (code, output) = ChildProcess.RunAsync("getconf", ["CLK_TCK"], TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            return code == 0 && double.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var t) && t > 0 ? t : 100;
        }
        catch (Exception)
        {
            return 100;
        }
    }
}
