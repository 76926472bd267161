namespace Monitoring.Core.Detection;

/// <summary>
/// Whether the monitor can see its devices: while it has no broker connection, and for one device timeout after it
/// (re)gains it, silence proves nothing about a device. Thread-safe; ingestion reports, detection asks.
/// </summary>
public sealed class MonitorSight
{
    private readonly Lock _gate = new();
    private bool _connected;
    private DateTimeOffset _since;

    public MonitorSight(DateTimeOffset startedAt) => _since = startedAt;

    public (bool Connected, DateTimeOffset Since) Current
    {
        get
        {
            lock (_gate)
            {
                return (_connected, _since);
            }
        }
    }

    public void Connected(DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_connected)
            {
                _connected = true;
                _since = at;
            }
        }
    }

    public void Disconnected(DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_connected)
            {
                _connected = false;
                _since = at;
            }
        }
    }
}
