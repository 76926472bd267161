namespace Monitoring.Storage.Series;

/// <summary><c>Metrics:Spool</c>: where points wait on disk until InfluxDB has taken them.</summary>
public sealed class SpoolOptions
{
    public string Path { get; set; } = "data/series-spool";

    /// <summary>When the spool would grow past this, its oldest segment is dropped and its points counted as dropped.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>A segment file is closed and a new one begun at this size.</summary>
    public long SegmentBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Each append waits for the disk itself (fsync), so a power loss keeps what was acknowledged. Off, an append
    /// survives a crash of the process, as the state store's <c>synchronous=NORMAL</c> does.
    /// </summary>
    public bool FlushToDisk { get; set; }

    public IEnumerable<string> Problems(string section)
    {
        var prefix = $"{section}:Spool";
        if (string.IsNullOrWhiteSpace(Path)) yield return $"{prefix}:Path must be set.";
        if (MaxBytes < 64 * 1024) yield return $"{prefix}:MaxBytes must be at least 65536 (was {MaxBytes}).";
        if (SegmentBytes < 4096 || SegmentBytes > MaxBytes) yield return $"{prefix}:SegmentBytes must be 4096..MaxBytes (was {SegmentBytes}).";
    }
}
