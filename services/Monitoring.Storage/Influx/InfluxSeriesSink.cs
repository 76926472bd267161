using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Monitoring.Core.Series;
using Monitoring.Storage.Series;

namespace Monitoring.Storage.Influx;

/// <summary>
/// Writes points to InfluxDB through the on-disk spool: a flush encodes its points to line protocol in a pooled
/// buffer, at most <c>Metrics:Influx:BatchSize</c> lines a gzip record, and appends them to the spool — that is all an
/// acknowledgement waits for, so ingestion never waits on InfluxDB. <see cref="SendNextAsync"/> (the sender's loop)
/// takes the oldest records, up to a request's worth of lines, and posts them as one request; a record leaves the
/// spool only once InfluxDB has taken it, so an outage or a crash loses nothing and replay keeps the order.
/// </summary>
/// <remarks>
/// Counting: a point InfluxDB takes at the first try is <c>written</c>. Once a send fails, every point then waiting and
/// every point appended until a send succeeds again is <c>spooled</c>, and counted <c>replayed</c> when it is taken.
/// </remarks>
internal sealed partial class InfluxSeriesSink : ISeriesSink, IDisposable
{
    private readonly InfluxWriter _writer;
    private readonly SeriesSpool _spool;
    private readonly SeriesMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _batchSize;
    private readonly LineProtocolBuffer _lines = new(256 * 1024);
    private readonly MemoryStream _gzip = new(64 * 1024);
    private readonly MemoryStream _request = new(64 * 1024);
    private readonly SemaphoreSlim _appended = new(0, 1);
    private readonly Lock _gate = new();
    private long _appendedLines;
    private long _deliveredLines;
    private long _spooledThrough;
    private bool _outage;

    public InfluxSeriesSink(InfluxWriter writer, SeriesSpool spool, InfluxOptions options, SeriesMetrics metrics, ILogger logger)
    {
        _writer = writer;
        _spool = spool;
        _metrics = metrics;
        _logger = logger;
        _batchSize = options.BatchSize;
        // What an earlier run left was counted as spooled by it; here it counts as replayed when taken.
        _appendedLines = _spooledThrough = spool.UnreadLines;
    }

    public SeriesSpool Spool => _spool;

    public string? Problem => _writer.Problem;

    public Task WriteAsync(IReadOnlyList<DevicePoint> points, CancellationToken cancellationToken)
    {
        // One flush at a time reaches here (the buffer serializes them), so the line and gzip buffers are reused.
        for (var i = 0; i < points.Count; i++)
        {
            DeviceSeries.Write(_lines, points[i]);
            if (_lines.LineCount == _batchSize || i == points.Count - 1)
            {
                Append(_lines.LineCount, Compress(_lines.Written));
                _lines.Clear();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Sends the oldest spooled records as one request; false when there was none or InfluxDB did not take it.</summary>
    public async Task<bool> SendNextAsync(CancellationToken cancellationToken)
    {
        var records = _spool.Next(_batchSize, out var lost);
        Delivered(lost, count: null);
        if (records.Count == 0)
        {
            return false;
        }

        var lines = 0;
        _request.SetLength(0);
        foreach (var record in records)
        {
            // Concatenated gzip members are one gzip stream to InfluxDB: no need to decompress and compress again.
            _request.Write(record.Gzip);
            lines += record.Lines;
        }

        WriteOutcome outcome;
        try
        {
            outcome = await _writer.WriteAsync(_request.GetBuffer().AsMemory(0, (int)_request.Length), lines, cancellationToken);
            if (outcome.Taken)
            {
                foreach (var record in records)
                {
                    _spool.Advance(record);
                }
            }
        }
        finally
        {
            _spool.EndSend();
        }

        if (!outcome.Taken)
        {
            lock (_gate)
            {
                if (!_outage)
                {
                    _outage = true;
                    LogOutage(outcome.Problem);
                }

                CountSpooled();
            }

            return false;
        }

        if (outcome.RefusedLines > 0)
        {
            _metrics.DroppedRejected(outcome.RefusedLines);
        }

        Delivered(lines, count: lines - outcome.RefusedLines);
        return true;
    }

    /// <summary>Waits until something is appended or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForAppendAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_spool.IsEmpty)
        {
            await _appended.WaitAsync(timeout, cancellationToken);
        }
    }

    public void Dispose()
    {
        _lines.Dispose();
        _gzip.Dispose();
        _request.Dispose();
        _appended.Dispose();
    }

    private void Append(int lines, ReadOnlyMemory<byte> body)
    {
        var dropped = _spool.Append(body.Span, lines);
        lock (_gate)
        {
            _appendedLines += lines;
            _deliveredLines += dropped;
            if (_outage)
            {
                CountSpooled();
            }
        }

        if (_appended.CurrentCount == 0)
        {
            try
            {
                _appended.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    /// <summary>Every line appended so far and not yet counted now waits out an outage.</summary>
    private void CountSpooled()
    {
        var from = Math.Max(_spooledThrough, _deliveredLines);
        if (_appendedLines > from)
        {
            _metrics.Spooled(_appendedLines - from);
            _spooledThrough = _appendedLines;
        }
    }

    /// <summary>
    /// <paramref name="lines"/> left the spool; <paramref name="count"/> of them were taken (null: lost, counted elsewhere).
    /// Those that had waited out an outage count as replayed, the rest as written.
    /// </summary>
    private void Delivered(long lines, long? count)
    {
        if (lines == 0)
        {
            return;
        }

        lock (_gate)
        {
            var start = _deliveredLines;
            _deliveredLines += lines;
            if (count is { } taken)
            {
                var replayed = Math.Clamp(_spooledThrough - start, 0, lines) * taken / lines;
                _metrics.Replayed(replayed);
                _metrics.Written(taken - replayed);
            }

            if (_outage && count is not null)
            {
                // InfluxDB takes writes again: what is appended from now on does not wait out an outage.
                _outage = false;
                LogBack();
            }
        }
    }

    private ReadOnlyMemory<byte> Compress(ReadOnlySpan<byte> lines)
    {
        _gzip.SetLength(0);
        using (var gzip = new GZipStream(_gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(lines);
        }

        return _gzip.GetBuffer().AsMemory(0, (int)_gzip.Length);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB cannot take writes ({Problem}); points wait in the spool and are replayed in order when it is back")]
    private partial void LogOutage(string? problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB takes writes again; the spooled points are replayed in order")]
    private partial void LogBack();
}
