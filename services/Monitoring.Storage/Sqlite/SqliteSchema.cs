using Microsoft.Data.Sqlite;

namespace Monitoring.Storage.Sqlite;

/// <summary>Schema migrations, applied in order and recorded in <c>PRAGMA user_version</c>.</summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE devices (
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            parent TEXT,
            site TEXT,
            customer TEXT,
            model TEXT,
            fw TEXT,
            interval_s INTEGER,
            state TEXT NOT NULL,
            state_since INTEGER,
            last_seen INTEGER,
            outage_started_at INTEGER,
            down_cause TEXT,
            uptime_s INTEGER,
            metrics TEXT,
            PRIMARY KEY (tenant, id)
        ) WITHOUT ROWID;
        CREATE INDEX devices_by_state ON devices (tenant, state);
        CREATE TABLE device_events (
            tenant TEXT NOT NULL,
            device TEXT NOT NULL,
            at INTEGER NOT NULL,
            event TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX device_events_by_time ON device_events (tenant, at);
        CREATE INDEX device_events_by_device ON device_events (tenant, device, at);
        CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            tenant TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            subject_type TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            customer TEXT,
            opened_at INTEGER NOT NULL,
            resolved_at INTEGER,
            version INTEGER NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX cases_by_tenant ON cases (tenant, opened_at DESC, id DESC);
        CREATE INDEX cases_active ON cases (status, resolved_at);
        CREATE TABLE case_devices (
            case_id TEXT NOT NULL REFERENCES cases (id),
            tenant TEXT NOT NULL,
            device TEXT NOT NULL,
            PRIMARY KEY (tenant, device, case_id)
        ) WITHOUT ROWID;
        CREATE TABLE api_keys (
            hash TEXT PRIMARY KEY,
            tenant TEXT,
            created_at INTEGER NOT NULL
        );
        """,
        """
        ALTER TABLE devices ADD COLUMN last_reboot_at INTEGER;
        ALTER TABLE devices ADD COLUMN transitions TEXT;
        """,
        """
        ALTER TABLE cases ADD COLUMN outage_started_at INTEGER;
        UPDATE cases SET outage_started_at =
            CAST(ROUND((julianday(json_extract(body, '$.outageStartedAt')) - 2440587.5) * 86400000) AS INTEGER);
        CREATE INDEX cases_by_outage_start ON cases (tenant, outage_started_at);
        CREATE TABLE contacts (
            id TEXT PRIMARY KEY,
            tenant TEXT NOT NULL,
            customer TEXT,
            device TEXT,
            at INTEGER NOT NULL,
            channel TEXT NOT NULL,
            recorded_at INTEGER NOT NULL
        );
        CREATE INDEX contacts_by_time ON contacts (tenant, at DESC, id DESC);
        CREATE TABLE maintenance_windows (
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            scope_type TEXT NOT NULL,
            scope_id TEXT,
            from_at INTEGER NOT NULL,
            to_at INTEGER NOT NULL,
            ended_at INTEGER,
            until_at INTEGER NOT NULL,
            reason TEXT,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (tenant, id)
        ) WITHOUT ROWID;
        CREATE INDEX maintenance_by_until ON maintenance_windows (until_at);
        CREATE INDEX maintenance_by_start ON maintenance_windows (tenant, from_at DESC, id DESC);
        """,
        """
        CREATE TABLE customers (
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (tenant, id)
        ) WITHOUT ROWID;
        CREATE TABLE outbox (
            id TEXT PRIMARY KEY,
            tenant TEXT NOT NULL,
            event TEXT NOT NULL,
            case_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            destination TEXT NOT NULL,
            customer TEXT,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            delivered_at INTEGER,
            due_at INTEGER NOT NULL,
            lease_owner TEXT,
            lease_until INTEGER,
            body TEXT NOT NULL
        );
        CREATE INDEX outbox_due ON outbox (status, due_at);
        CREATE INDEX outbox_by_tenant ON outbox (tenant, created_at DESC, id DESC);
        CREATE INDEX outbox_by_contact ON outbox (tenant, channel, destination, delivered_at);
        """,
    ];

    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var versionCommand = connection.CreateCommand();
        versionCommand.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(await versionCommand.ExecuteScalarAsync(cancellationToken));
        for (var i = version; i < Migrations.Length; i++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"{Migrations[i]}\nPRAGMA user_version = {i + 1};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
