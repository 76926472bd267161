using Microsoft.Data.Sqlite;

namespace Monitoring.Storage.Series;

/// <summary>
/// The embedded series file's tables. A heartbeat is one row of <c>device_metrics</c>, its fields (the metrics and
/// <c>up</c>) one JSON object, so a write touches one B-tree row a heartbeat rather than one a field. A file written
/// with one row a field is converted in place the first time the store opens it.
/// </summary>
internal static class SqliteSeriesSchema
{
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS device_metrics (
            tenant TEXT NOT NULL, device TEXT NOT NULL, ts INTEGER NOT NULL,
            fields TEXT NOT NULL, samples INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (tenant, device, ts)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS device_metrics_ts ON device_metrics (ts);
        CREATE TABLE IF NOT EXISTS device_state (
            tenant TEXT NOT NULL, device TEXT NOT NULL, ts INTEGER NOT NULL, state TEXT NOT NULL,
            PRIMARY KEY (tenant, device, ts)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS device_state_ts ON device_state (ts);
        """;

    // Rows of one (tenant, device, ts) become one row; a bucket's samples were the same for each of its fields.
    private const string FromRowPerField = """
        ALTER TABLE device_metrics RENAME TO device_metrics_by_field;
        DROP INDEX IF EXISTS device_metrics_ts;
        """ + Tables + """
        INSERT INTO device_metrics (tenant, device, ts, fields, samples)
            SELECT tenant, device, ts, json_group_object(field, value), MAX(samples)
            FROM device_metrics_by_field GROUP BY tenant, device, ts;
        DROP TABLE device_metrics_by_field;
        """;

    public static async Task EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('device_metrics') WHERE name = 'field'";
        var rowPerField = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
        command.CommandText = rowPerField ? FromRowPerField : Tables;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
