using Microsoft.Data.Sqlite;
using Monitoring.Core.Series;
using Monitoring.Core.Stores;
using Monitoring.Storage.Sqlite;

namespace Monitoring.Storage.Series;

/// <summary>
/// The embedded series store: the measurements of CONTRACT §5 in a SQLite file of their own
/// (<c>Metrics:Sqlite:ConnectionString</c>), one row a field: <c>device_metrics(tenant, device, field, ts, value, samples)</c>
/// and <c>device_state(tenant, device, ts, state)</c>. Keyed on (tenant, device, field, ts), so a redelivered point
/// replaces itself. Points past <c>Metrics:Retention</c> are deleted; points past <c>DownsampleAfter</c> are averaged
/// into <c>DownsampleStep</c> buckets (<c>samples</c> says how many points a row stands for).
/// </summary>
internal sealed class SqliteSeriesStore : ISeriesSink, ISeriesReader, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS device_metrics (
            tenant TEXT NOT NULL, device TEXT NOT NULL, field TEXT NOT NULL, ts INTEGER NOT NULL,
            value REAL NOT NULL, samples INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (tenant, device, field, ts)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS device_metrics_ts ON device_metrics (ts);
        CREATE TABLE IF NOT EXISTS device_state (
            tenant TEXT NOT NULL, device TEXT NOT NULL, ts INTEGER NOT NULL, state TEXT NOT NULL,
            PRIMARY KEY (tenant, device, ts)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS device_state_ts ON device_state (ts);
        """;

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
            // Prepared once per batch and bound without boxing: a heartbeat is four rows, so this is the hot path.
            using (var metric = new RawStatement(connection, "INSERT OR REPLACE INTO device_metrics (tenant, device, field, ts, value, samples) VALUES (?1, ?2, ?3, ?4, ?5, 1)"))
            using (var state = new RawStatement(connection, "INSERT OR REPLACE INTO device_state (tenant, device, ts, state) VALUES (?1, ?2, ?3, ?4)"))
            {
                foreach (var point in points)
                {
                    if (point.State is { } s)
                    {
                        state.Bind(1, point.Device.Tenant);
                        state.Bind(2, point.Device.Id);
                        state.Bind(3, point.TimestampMs);
                        state.Bind(4, s);
                        state.Execute();
                        continue;
                    }

                    foreach (var m in point.Metrics)
                    {
                        Insert(metric, point, m.Name, m.Value);
                    }

                    Insert(metric, point, DeviceSeries.UpField, point.Up ? 1 : 0);
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
        command.CommandText = query.Step is null
            ? "SELECT ts, value FROM device_metrics WHERE tenant = $t AND device = $d AND field = $f AND ts BETWEEN $from AND $to ORDER BY ts LIMIT $limit"
            : "SELECT ts - ts % $step AS bucket, SUM(value * samples) / SUM(samples) FROM device_metrics " +
              "WHERE tenant = $t AND device = $d AND field = $f AND ts BETWEEN $from AND $to GROUP BY bucket ORDER BY bucket LIMIT $limit";
        command.Parameters.AddWithValue("$t", query.Tenant);
        command.Parameters.AddWithValue("$d", query.Device);
        command.Parameters.AddWithValue("$f", query.Metric);
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
            command.CommandText = """
                CREATE TEMP TABLE IF NOT EXISTS rollup (tenant TEXT, device TEXT, field TEXT, ts INTEGER, value REAL, samples INTEGER);
                DELETE FROM temp.rollup;
                INSERT INTO temp.rollup
                    SELECT tenant, device, field, ts - ts % $step, SUM(value * samples) / SUM(samples), SUM(samples)
                    FROM device_metrics WHERE ts < $cutoff
                    GROUP BY tenant, device, field, ts - ts % $step HAVING COUNT(*) > 1;
                DELETE FROM device_metrics WHERE ts < $cutoff AND EXISTS (
                    SELECT 1 FROM temp.rollup r WHERE r.tenant = device_metrics.tenant AND r.device = device_metrics.device
                    AND r.field = device_metrics.field AND r.ts = device_metrics.ts - device_metrics.ts % $step);
                INSERT INTO device_metrics (tenant, device, field, ts, value, samples) SELECT tenant, device, field, ts, value, samples FROM temp.rollup;
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

    private static void Insert(RawStatement metric, in DevicePoint point, string field, double value)
    {
        metric.Bind(1, point.Device.Tenant);
        metric.Bind(2, point.Device.Id);
        metric.Bind(3, field);
        metric.Bind(4, point.TimestampMs);
        metric.BindReal(5, value);
        metric.Execute();
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
                    await using var create = connection.CreateCommand();
                    create.CommandText = Schema;
                    await create.ExecuteNonQueryAsync(cancellationToken);
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
