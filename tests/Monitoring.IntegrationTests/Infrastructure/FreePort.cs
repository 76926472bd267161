using System.Net;
using System.Net.Sockets;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>A loopback TCP port nothing listens on right now, found by letting the OS pick one.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
