namespace Monitoring.Storage.Influx;

/// <summary>
/// What became of one write request: taken (perhaps with some lines refused as malformed, which no retry would fix),
/// or not taken because InfluxDB could not be reached or failed, so the request must wait in the spool.
/// </summary>
internal readonly record struct WriteOutcome(bool Taken, int RefusedLines, string? Problem)
{
    public static WriteOutcome Unavailable(string problem) => new(false, 0, problem);
}
