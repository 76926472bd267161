using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitoring.Core.Series;
using Monitoring.Core.Stores;
using Monitoring.Storage.Sqlite;

namespace Monitoring.Storage.Series;

/// <summary>
/// The embedded series store: the measurements of CONTRACT §5 in a SQLite file of their own
/// (<c>Metrics:Sqlite:ConnectionString</c>), one row a heartbeat: <c>device_metrics(tenant, device, ts, fields, samples)</c>
/// with the metrics and <c>up</c> as one JSON object, and <c>device_state(tenant, device, ts, state)</c>. Keyed on
/// (tenant, device, ts), so a redelivered point replaces itself. Points past <c>Metrics:Retention</c> are deleted; points
/// past <c>DownsampleAfter</c> are averaged field by field into <c>DownsampleStep</c> buckets (<c>samples</c> says how
/// many heartbeats a row stands for).
/// </summary>
internal sealed class SqliteSeriesStore : ISeriesSink, ISeriesReader, IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SemaphoreSlim _schema = new(1, 1);
    private readonly SeriesMetrics _metrics;
    private bool _ready;

    public SqliteSeriesStore(SqliteSeriesOptions options, SeriesMetrics metrics)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = true };
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = builder.ToString();
        _metrics = metrics;
    }

    public async Task WriteAsync(IReadOnlyList<DevicePoint> points, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            // Prepared once per batch and bound without boxing: one row a heartbeat, so this is the hot path.
            using (var metric = new RawStatement(connection, "INSERT OR REPLACE INTO device_metrics (tenant, device, ts, fields, samples) VALUES (?1, ?2, ?3, ?4, 1)"))
            using (var state = new RawStatement(connection, "INSERT OR REPLACE INTO device_state (tenant, device, ts, state) VALUES (?1, ?2, ?3, ?4)"))
            {
                var fields = new ArrayBufferWriter<byte>(512);
                using var json = new Utf8JsonWriter(fields);
                foreach (var point in points)
                {
                    var row = point.State is null ? metric : state;
                    row.Bind(1, point.Device.Tenant);
                    row.Bind(2, point.Device.Id);
                    row.Bind(3, point.TimestampMs);
                    if (point.State is { } s)
                    {
                        state.Bind(4, s);
                    }
                    else
                    {
                        fields.ResetWrittenCount();
                        json.Reset(fields);
                        WriteFields(point, json);
                        metric.BindUtf8(4, fields.WrittenSpan);
                    }

                    row.Execute();
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _writer.Release();
        }

        _metrics.Written(points.Count);
    }

    public async Task<IReadOnlyList<SeriesSample>> ReadAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The field's value of each heartbeat that has it; the name is validated ([a-z][a-z0-9_]*), so it is a plain path.
        const string Values = "SELECT ts, samples, json_extract(fields, $path) AS v FROM device_metrics WHERE tenant = $t AND device = $d AND ts BETWEEN $from AND $to";
        command.CommandText = query.Step is null
            ? $"SELECT ts, v FROM ({Values}) WHERE v IS NOT NULL ORDER BY ts LIMIT $limit"
            : $"SELECT ts - ts % $step AS bucket, SUM(v * samples) / SUM(samples) FROM ({Values}) WHERE v IS NOT NULL GROUP BY bucket ORDER BY bucket LIMIT $limit";
        command.Parameters.AddWithValue("$t", query.Tenant);
        command.Parameters.AddWithValue("$d", query.Device);
        command.Parameters.AddWithValue("$path", "$." + query.Metric);
        command.Parameters.AddWithValue("$from", query.From.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", query.To.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", SeriesQuery.MaxPoints);
        command.Parameters.AddWithValue("$step", (long)(query.Step ?? TimeSpan.FromMilliseconds(1)).TotalMilliseconds);
        var samples = new List<SeriesSample>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            samples.Add(new SeriesSample(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetDouble(1)));
        }

        return samples;
    }

    /// <summary>Deletes points older than <paramref name="retention"/> and averages those older than <paramref name="downsampleAfter"/> into buckets.</summary>
    public async Task<(int Deleted, int Downsampled)> MaintainAsync(DateTimeOffset now, TimeSpan retention, TimeSpan downsampleAfter, TimeSpan step, CancellationToken cancellationToken)
    {
        var stepMs = (long)step.TotalMilliseconds;
        var expired = (now - retention).ToUnixTimeMilliseconds();
        var cutoff = (now - downsampleAfter).ToUnixTimeMilliseconds();
        cutoff -= cutoff % stepMs; // whole buckets only: none straddles the boundary
        await using var connection = await OpenAsync(cancellationToken);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$expired", expired);
            command.Parameters.AddWithValue("$cutoff", cutoff);
            command.Parameters.AddWithValue("$step", stepMs);
            command.CommandText = "DELETE FROM device_metrics WHERE ts < $expired; DELETE FROM device_state WHERE ts < $expired;";
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            // Each field is averaged over the heartbeats that carried it, weighted by the samples a row already stands for.
            command.CommandText = """
                CREATE TEMP TABLE IF NOT EXISTS rollup (tenant TEXT, device TEXT, ts INTEGER, fields TEXT, samples INTEGER);
                DELETE FROM temp.rollup;
                WITH buckets AS (
                    SELECT tenant, device, ts - ts % $step AS bucket, SUM(samples) AS samples FROM device_metrics
                    WHERE ts < $cutoff GROUP BY tenant, device, bucket HAVING COUNT(*) > 1),
                averages AS (
                    SELECT m.tenant, m.device, m.ts - m.ts % $step AS bucket, f.key, SUM(f.value * m.samples) / SUM(m.samples) AS value
                    FROM device_metrics m, json_each(m.fields) f
                    WHERE m.ts < $cutoff AND EXISTS (SELECT 1 FROM buckets b WHERE b.tenant = m.tenant AND b.device = m.device AND b.bucket = m.ts - m.ts % $step)
                    GROUP BY m.tenant, m.device, bucket, f.key)
                INSERT INTO temp.rollup
                    SELECT b.tenant, b.device, b.bucket, json_group_object(a.key, a.value), b.samples
                    FROM buckets b JOIN averages a ON a.tenant = b.tenant AND a.device = b.device AND a.bucket = b.bucket
                    GROUP BY b.tenant, b.device, b.bucket;
                DELETE FROM device_metrics WHERE ts < $cutoff AND EXISTS (
                    SELECT 1 FROM temp.rollup r WHERE r.tenant = device_metrics.tenant AND r.device = device_metrics.device
                    AND r.ts = device_metrics.ts - device_metrics.ts % $step);
                INSERT INTO device_metrics (tenant, device, ts, fields, samples) SELECT tenant, device, ts, fields, samples FROM temp.rollup;
                """;
            var downsampled = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (deleted, downsampled);
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _schema.Dispose();
    }

    /// <summary>The heartbeat's metrics and <c>up</c>, which is the series' own field: a metric of that name does not replace it.</summary>
    private static void WriteFields(in DevicePoint point, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        foreach (var m in point.Metrics)
        {
            if (m.Name != DeviceSeries.UpField)
            {
                json.WriteNumber(m.Name, m.Value);
            }
        }

        json.WriteNumber(DeviceSeries.UpField, point.Up ? 1 : 0);
        json.WriteEndObject();
        json.Flush();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!_ready)
        {
            await _schema.WaitAsync(cancellationToken);
            try
            {
                if (!_ready)
                {
                    await SqliteSeriesSchema.EnsureAsync(connection, cancellationToken);
                    _ready = true;
                }
            }
            finally
            {
                _schema.Release();
            }
        }

        return connection;
    }
}
