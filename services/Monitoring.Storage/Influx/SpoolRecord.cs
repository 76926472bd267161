namespace Monitoring.Storage.Influx;

/// <summary>One spooled write request: where it lies, how many lines it holds, and its gzip body.</summary>
internal sealed record SpoolRecord(long SegmentId, long Offset, int Lines, byte[] Gzip);
