namespace Monitoring.Simulator;

/// <summary>What a run has done so far, read by the progress line.</summary>
internal sealed class RunCounters
{
    private long _sent;
    private long _failed;
    private long _skipped;
    private long _faults;
    private long _callsMade;
    private long _callsPending;

    public long Sent => Interlocked.Read(ref _sent);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Heartbeats due while their connection was down.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);
    public long Faults => Interlocked.Read(ref _faults);
    public long CallsMade => Interlocked.Read(ref _callsMade);
    public long CallsPending => Interlocked.Read(ref _callsPending);

    public void CountSent() => Interlocked.Increment(ref _sent);
    public void CountFailed() => Interlocked.Increment(ref _failed);
    public void CountSkipped() => Interlocked.Increment(ref _skipped);
    public void CountFault() => Interlocked.Increment(ref _faults);
    public void CallPlanned() => Interlocked.Increment(ref _callsPending);

    public void CallMade()
    {
        Interlocked.Decrement(ref _callsPending);
        Interlocked.Increment(ref _callsMade);
    }
}
