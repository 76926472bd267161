namespace Monitoring.Simulator;

/// <summary>
/// Notices when the broker dropped the simulator's connections and when heartbeats flowed again: the gap between the
/// last heartbeat acknowledged before and the first one after (what a broker restart looks like from the devices).
/// </summary>
internal sealed class BrokerGaps(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _lastAcknowledged;
    private DateTimeOffset? _openSince;

    /// <summary>Raised with (last heartbeat before, first heartbeat after) when a gap closes.</summary>
    public event Action<DateTimeOffset, DateTimeOffset>? Closed;

    public int Count { get; private set; }

    public bool IsOpen
    {
        get { lock (_lock) { return _openSince is not null; } }
    }

    public void Acknowledged(DateTimeOffset sentAt)
    {
        (DateTimeOffset, DateTimeOffset)? closed = null;
        lock (_lock)
        {
            if (_openSince is { } since && sentAt > since)
            {
                closed = (_lastAcknowledged == default ? since : _lastAcknowledged, sentAt);
                _openSince = null;
                Count++;
            }

            if (sentAt > _lastAcknowledged)
            {
                _lastAcknowledged = sentAt;
            }
        }

        if (closed is { } gap)
        {
            Closed?.Invoke(gap.Item1, gap.Item2);
        }
    }

    public void ConnectionLost()
    {
        lock (_lock)
        {
            _openSince ??= time.GetUtcNow();
        }
    }
}
