using System.Net;
using System.Net.Sockets;

namespace Monitoring.Benchmarks.Harness;

/// <summary>Everything the harness talks to is on 127.0.0.1.</summary>
internal static class Loopback
{
    public const string Host = "127.0.0.1";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepoRoot()
    {
        var env = Environment.GetEnvironmentVariable("MONITORING_REPO");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitoring.sln"))) return dir.FullName;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitoring.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("cannot find the repository (Monitoring.sln); set MONITORING_REPO");
    }
}
