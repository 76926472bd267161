using Microsoft.Extensions.Logging;
using Monitoring.Storage.Series;

namespace Monitoring.Storage.Influx;

/// <summary>
/// Write requests on their way to InfluxDB, kept on disk in arrival order until it has taken them: append-only segment
/// files of records <c>[magic][length][lines][crc32][gzip line protocol]</c>. A
/// segment's header keeps how far it has been replayed, so a restart goes on from there. Bounded by
/// <c>Metrics:Spool:MaxBytes</c>: the oldest segment is dropped (and its points counted) to make room. A record whose
/// checksum fails, as a crash in mid-append leaves one, ends its segment.
/// </summary>
internal sealed partial class SeriesSpool : IDisposable
{
    private readonly Lock _gate = new();
    private readonly string _folder;
    private readonly long _maxBytes;
    private readonly long _segmentBytes;
    private readonly bool _flushToDisk;
    private readonly SeriesMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LinkedList<SpoolSegment> _segments = new();
    private FileStream? _append;
    private SpoolSegment? _sending;
    private long _bytes;

    public SeriesSpool(SpoolOptions options, SeriesMetrics metrics, ILogger logger)
    {
        _folder = Path.GetFullPath(options.Path);
        _maxBytes = options.MaxBytes;
        _segmentBytes = options.SegmentBytes;
        _flushToDisk = options.FlushToDisk;
        _metrics = metrics;
        _logger = logger;
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(_folder, "*" + SpoolSegment.Extension).Order(StringComparer.Ordinal))
        {
            Load(file);
        }

        _metrics.SpoolHolds(_bytes);
        if (_segments.Count > 0)
        {
            LogFound(_segments.Sum(s => s.UnreadLines), _bytes, _folder);
        }
    }

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _segments.Count == 0;
            }
        }
    }

    /// <summary>Bytes not yet replayed.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Lines not yet delivered.</summary>
    public long UnreadLines
    {
        get
        {
            lock (_gate)
            {
                return _segments.Sum(s => s.UnreadLines);
            }
        }
    }

    /// <summary>
    /// Keeps one request's body; returns once it is written (to the disk itself with <c>Metrics:Spool:FlushToDisk</c>).
    /// Returns how many older lines were dropped to make room.
    /// </summary>
    public long Append(ReadOnlySpan<byte> gzip, int lines)
    {
        var size = SpoolSegment.RecordHeader + gzip.Length;
        lock (_gate)
        {
            var dropped = MakeRoom(size);
            var segment = _segments.Last?.Value;
            if (segment is null || _append is null || segment.Length + size > _segmentBytes)
            {
                segment = StartSegment();
            }

            SpoolSegment.WriteRecord(_append!, gzip, lines, _flushToDisk);
            segment.Length += size;
            segment.UnreadLines += lines;
            _bytes += size;
            _metrics.SpoolHolds(_bytes);
            return dropped;
        }
    }

    /// <summary>
    /// The oldest records not yet delivered, in order, together at most <paramref name="maxLines"/> lines (always at
    /// least one record); empty when the spool is. <paramref name="lost"/> counts lines of unreadable records skipped.
    /// </summary>
    public List<SpoolRecord> Next(int maxLines, out long lost)
    {
        lost = 0;
        var records = new List<SpoolRecord>();
        lock (_gate)
        {
            while (_segments.First?.Value is { } head)
            {
                var offset = head.ReadOffset;
                var lines = 0;
                while (offset < head.Length && head.TryRead(offset, out var record) && (records.Count == 0 || lines + record.Lines <= maxLines))
                {
                    records.Add(record);
                    lines += record.Lines;
                    offset += SpoolSegment.RecordHeader + record.Gzip.Length;
                }

                if (records.Count > 0)
                {
                    _sending = head;
                    return records;
                }

                if (head.ReadOffset < head.Length)
                {
                    // Unreadable from here on: what is left of it is lost.
                    lost += head.UnreadLines;
                    _metrics.DroppedCorrupt(Math.Max(1, head.UnreadLines));
                    LogCorrupt(head.Path, head.ReadOffset);
                }

                Remove(head);
            }

            return records;
        }
    }

    /// <summary>The records of the last <see cref="Next"/> are delivered (and advanced past) or not: their segment may be dropped again.</summary>
    public void EndSend()
    {
        lock (_gate)
        {
            _sending = null;
        }
    }

    /// <summary>Marks <paramref name="record"/> as delivered; a segment fully delivered is deleted.</summary>
    public void Advance(SpoolRecord record)
    {
        lock (_gate)
        {
            var head = _segments.First?.Value;
            if (head is null || head.Id != record.SegmentId || head.ReadOffset != record.Offset)
            {
                return; // dropped meanwhile to make room
            }

            head.ReadOffset = record.Offset + SpoolSegment.RecordHeader + record.Gzip.Length;
            head.UnreadLines -= record.Lines;
            _bytes -= SpoolSegment.RecordHeader + record.Gzip.Length;
            if (head.ReadOffset >= head.Length)
            {
                Remove(head);
            }
            else
            {
                head.SaveReadOffset();
            }

            _metrics.SpoolHolds(_bytes);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _append?.Dispose();
            _append = null;
        }
    }

    private long MakeRoom(int size)
    {
        long dropped = 0;
        while (_bytes + size > _maxBytes)
        {
            // Never the segment whose records are on the wire: they would be stored and counted dropped.
            var oldest = _segments.First;
            if (oldest is not null && ReferenceEquals(oldest.Value, _sending))
            {
                oldest = oldest.Next;
            }

            if (oldest?.Value is not { } segment)
            {
                break;
            }

            dropped += segment.UnreadLines;
            _metrics.DroppedSpoolFull(segment.UnreadLines);
            LogDropped(segment.UnreadLines, segment.Path);
            Remove(segment);
        }

        return dropped;
    }

    private SpoolSegment StartSegment()
    {
        _append?.Dispose();
        var segment = SpoolSegment.Create(_folder, (_segments.Last?.Value.Id ?? 0) + 1, out _append);
        _segments.AddLast(segment);
        return segment;
    }

    private void Remove(SpoolSegment segment)
    {
        if (ReferenceEquals(_segments.Last?.Value, segment))
        {
            _append?.Dispose();
            _append = null;
        }

        _segments.Remove(segment);
        if (ReferenceEquals(segment, _sending))
        {
            _sending = null;
        }

        _bytes -= segment.Length - segment.ReadOffset;
        File.Delete(segment.Path);
    }

    /// <summary>Takes up a segment left by an earlier run, from its replay position on.</summary>
    private void Load(string path)
    {
        if (SpoolSegment.Recover(path) is { } segment)
        {
            _segments.AddLast(segment);
            _bytes += segment.Length - segment.ReadOffset;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The series spool holds {Points} points ({Bytes} bytes) from an earlier run in {Folder}; they are replayed in order")]
    private partial void LogFound(long points, long bytes, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The series spool is full: dropped its oldest segment {Path} with {Points} points")]
    private partial void LogDropped(long points, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The series spool segment {Path} is unreadable from offset {Offset}; the rest of it is dropped")]
    private partial void LogCorrupt(string path, long offset);
}
