using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Monitoring.Core.Series;
using Monitoring.Storage.Series;

namespace Monitoring.Storage.Influx;

/// <summary>
/// Writes points to InfluxDB: encoded to line protocol in a pooled buffer, at most <c>Metrics:Influx:BatchSize</c>
/// lines a request, gzip. A request InfluxDB cannot take goes to the spool, and while the spool holds anything every
/// new request joins it behind what is there, so replay keeps the order points were made in. Never throws for an
/// unreachable InfluxDB: a write returns once the points are in InfluxDB or on disk.
/// </summary>
internal sealed partial class InfluxSeriesSink : ISeriesSink, IDisposable
{
    private readonly InfluxWriter _writer;
    private readonly SeriesSpool _spool;
    private readonly SeriesMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _batchSize;
    private readonly LineProtocolBuffer _lines = new(256 * 1024);
    private readonly MemoryStream _gzip = new(64 * 1024);
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly SemaphoreSlim _spooledSignal = new(0, 1);
    private bool _outageLogged;

    public InfluxSeriesSink(InfluxWriter writer, SeriesSpool spool, InfluxOptions options, SeriesMetrics metrics, ILogger logger)
    {
        _writer = writer;
        _spool = spool;
        _metrics = metrics;
        _logger = logger;
        _batchSize = options.BatchSize;
    }

    public SeriesSpool Spool => _spool;

    public string? Problem => _writer.Problem;

    public async Task WriteAsync(IReadOnlyList<DevicePoint> points, CancellationToken cancellationToken)
    {
        // One flush at a time reaches here (the buffer serializes them), so the line and gzip buffers are reused.
        for (var i = 0; i < points.Count; i++)
        {
            DeviceSeries.Write(_lines, points[i]);
            if (_lines.LineCount == _batchSize || i == points.Count - 1)
            {
                var lines = _lines.LineCount;
                var body = Compress(_lines.Written);
                _lines.Clear();
                await DeliverAsync(body, lines, cancellationToken);
            }
        }
    }

    /// <summary>Sends the oldest spooled request; false when there was none or InfluxDB still cannot take it.</summary>
    public async Task<bool> ReplayOneAsync(CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken);
        try
        {
            if (_spool.Peek() is not { } record)
            {
                return false;
            }

            var outcome = await _writer.WriteAsync(record.Gzip, record.Lines, cancellationToken);
            if (!outcome.Taken)
            {
                return false;
            }

            _spool.Advance(record);
            Count(outcome, record.Lines, _metrics.Replayed);
            if (_spool.IsEmpty)
            {
                _outageLogged = false;
                LogReplayed();
            }

            return true;
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Waits until something is spooled or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForSpooledAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_spool.IsEmpty)
        {
            await _spooledSignal.WaitAsync(timeout, cancellationToken);
        }
    }

    public void Dispose()
    {
        _lines.Dispose();
        _gzip.Dispose();
        _send.Dispose();
        _spooledSignal.Dispose();
    }

    private async Task DeliverAsync(ReadOnlyMemory<byte> body, int lines, CancellationToken cancellationToken)
    {
        if (_spool.IsEmpty)
        {
            await _send.WaitAsync(cancellationToken);
            try
            {
                if (_spool.IsEmpty)
                {
                    var outcome = await _writer.WriteAsync(body, lines, cancellationToken);
                    if (outcome.Taken)
                    {
                        Count(outcome, lines, _metrics.Written);
                        return;
                    }

                    if (!_outageLogged)
                    {
                        _outageLogged = true;
                        LogSpooling(outcome.Problem);
                    }
                }
            }
            finally
            {
                _send.Release();
            }
        }

        _spool.Append(body.Span, lines);
        _metrics.Spooled(lines);
        if (_spooledSignal.CurrentCount == 0)
        {
            try
            {
                _spooledSignal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    private void Count(WriteOutcome outcome, int lines, Action<long> taken)
    {
        taken(lines - outcome.RefusedLines);
        if (outcome.RefusedLines > 0)
        {
            _metrics.DroppedRejected(outcome.RefusedLines);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB cannot take writes ({Problem}); points go to the spool and are replayed in order when it is back")]
    private partial void LogSpooling(string? problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB is back: the series spool is replayed and empty")]
    private partial void LogReplayed();
}
