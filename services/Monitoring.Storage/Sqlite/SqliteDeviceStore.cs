using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;
using Monitoring.Core.Stores;

namespace Monitoring.Storage.Sqlite;

public sealed class SqliteDeviceStore : IDeviceStore
{
    private const string Columns =
        "tenant, id, kind, parent, site, customer, model, fw, interval_s, state, state_since, last_seen, outage_started_at, down_cause, uptime_s, metrics, last_reboot_at, transitions";

    private readonly SqliteDatabase _database;

    public SqliteDeviceStore(SqliteDatabase database) => _database = database;

    public async Task<IReadOnlyList<DeviceRecord>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var select = new RawStatement(connection, $"SELECT {Columns} FROM devices");
        return DeviceColumns.ReadAll(select, cancellationToken);
    }

    public Task SaveAsync(IReadOnlyCollection<DeviceRecord> devices, IReadOnlyCollection<DeviceRecord> seen, IReadOnlyCollection<DeviceEvent> events, CancellationToken cancellationToken)
    {
        if (devices.Count == 0 && seen.Count == 0 && events.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _database.WriteAsync(async (connection, transaction) =>
        {
            await UpsertAsync(connection, devices);
            await UpsertAsync(connection, UpdateSignsOfLife(connection, seen));
            await InsertEventsAsync(connection, transaction, events, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<DeviceRecord?> FindAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM devices WHERE tenant = $tenant AND id = $id";
        command.Add("$tenant", tenant);
        command.Add("$id", id);
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<Page<DeviceRecord>> ListAsync(DeviceQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filters = new List<string> { "tenant = $tenant" };
        command.Add("$tenant", query.Tenant);
        if (query.State is { } state) { filters.Add("state = $state"); command.Add("$state", state.Name()); }
        if (query.Site is not null) { filters.Add("site = $site"); command.Add("$site", query.Site); }
        if (query.Model is not null) { filters.Add("model = $model"); command.Add("$model", query.Model); }
        if (query.Customer is not null) { filters.Add("customer = $customer"); command.Add("$customer", query.Customer); }
        if (Cursor.TryDecode(query.Cursor, out var after)) { filters.Add("id > $after"); command.Add("$after", Identifiers.IsValid(after) ? after : throw new InvalidCursorException()); }
        command.CommandText = $"SELECT {Columns} FROM devices WHERE {string.Join(" AND ", filters)} ORDER BY id LIMIT $limit";
        command.Add("$limit", query.Limit + 1);
        var rows = await ReadAllAsync(command, cancellationToken);
        if (rows.Count <= query.Limit)
        {
            return new Page<DeviceRecord>(rows, null);
        }

        var page = rows.Take(query.Limit).ToList();
        return new Page<DeviceRecord>(page, Cursor.Encode(page[^1].Id));
    }

    public async Task<IReadOnlyDictionary<DeviceState, int>> CountByStateAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, COUNT(*) FROM devices WHERE tenant = $tenant GROUP BY state";
        command.Add("$tenant", tenant);
        var counts = new Dictionary<DeviceState, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (DomainNames.TryParseState(reader.GetString(0), out var state))
            {
                counts[state] = reader.GetInt32(1);
            }
        }

        return counts;
    }

    public async Task<IReadOnlyList<DeviceEvent>> EventsAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT device, at, event, detail FROM device_events WHERE tenant = $tenant AND at >= $from AND at < $to ORDER BY at";
        command.Add("$tenant", tenant);
        command.Add("$from", from.ToUnixTimeMilliseconds());
        command.Add("$to", to.ToUnixTimeMilliseconds());
        var events = new List<DeviceEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new DeviceEvent(tenant, reader.GetString(0), reader.Time(1)!.Value, reader.GetString(2), reader.GetString(3)));
        }

        return events;
    }

    /// <summary>Updates three columns of each row instead of upserting all of them; returns the devices that had no row yet.</summary>
    private static List<DeviceRecord> UpdateSignsOfLife(SqliteConnection connection, IReadOnlyCollection<DeviceRecord> devices)
    {
        var missing = new List<DeviceRecord>();
        if (devices.Count == 0)
        {
            return missing;
        }

        using var update = new RawStatement(connection, "UPDATE devices SET last_seen = ?3, uptime_s = ?4, metrics = ?5 WHERE tenant = ?1 AND id = ?2");
        var metrics = new ArrayBufferWriter<byte>(1024);
        using var json = new Utf8JsonWriter(metrics);
        foreach (var d in devices)
        {
            update.Bind(1, d.Tenant);
            update.Bind(2, d.Id);
            update.Bind(3, d.LastSeen);
            update.Bind(4, d.UptimeSeconds);
            BindMetrics(update, 5, d.Metrics, metrics, json);
            if (update.Execute() == 0)
            {
                missing.Add(d);
            }
        }

        return missing;
    }

    private static void BindMetrics(RawStatement statement, int index, IReadOnlyList<Metric> values, ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        if (MetricsColumn.Write(values, json))
        {
            statement.BindUtf8(index, buffer.WrittenSpan);
        }
        else
        {
            statement.BindNull(index);
        }
    }

    private static Task UpsertAsync(SqliteConnection connection, IReadOnlyCollection<DeviceRecord> devices)
    {
        if (devices.Count == 0)
        {
            return Task.CompletedTask;
        }

        using var upsert = new RawStatement(connection, $"""
            INSERT INTO devices ({Columns})
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            ON CONFLICT (tenant, id) DO UPDATE SET
                kind = excluded.kind, parent = excluded.parent, site = excluded.site, customer = excluded.customer,
                model = excluded.model, fw = excluded.fw, interval_s = excluded.interval_s, state = excluded.state,
                state_since = excluded.state_since, last_seen = excluded.last_seen, outage_started_at = excluded.outage_started_at,
                down_cause = excluded.down_cause, uptime_s = excluded.uptime_s, metrics = excluded.metrics,
                last_reboot_at = excluded.last_reboot_at, transitions = excluded.transitions
            """);
        var metrics = new ArrayBufferWriter<byte>(1024);
        using var json = new Utf8JsonWriter(metrics);
        foreach (var d in devices)
        {
            upsert.Bind(1, d.Tenant);
            upsert.Bind(2, d.Id);
            upsert.BindUtf8(3, DeviceColumns.Kind(d.Kind));
            upsert.Bind(4, d.Parent);
            upsert.Bind(5, d.Site);
            upsert.Bind(6, d.Customer);
            upsert.Bind(7, d.Model);
            upsert.Bind(8, d.Firmware);
            upsert.Bind(9, d.IntervalSeconds);
            upsert.BindUtf8(10, DeviceColumns.State(d.State));
            upsert.Bind(11, d.StateSince);
            upsert.Bind(12, d.LastSeen);
            upsert.Bind(13, d.OutageStartedAt);
            upsert.Bind(14, d.DownCause is { } cause ? DeviceColumns.Cause(cause) : null);
            upsert.Bind(15, d.UptimeSeconds);
            BindMetrics(upsert, 16, d.Metrics, metrics, json);

            upsert.Bind(17, d.LastRebootAt);
            upsert.Bind(18, DeviceColumns.Transitions(d.Transitions));
            upsert.Execute();
        }

        return Task.CompletedTask;
    }

    private static async Task InsertEventsAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<DeviceEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO device_events (tenant, device, at, event, detail) VALUES ($tenant, $device, $at, $event, $detail)";
        var tenant = command.Parameters.Add(new SqliteParameter("$tenant", DBNull.Value));
        var device = command.Parameters.Add(new SqliteParameter("$device", DBNull.Value));
        var at = command.Parameters.Add(new SqliteParameter("$at", DBNull.Value));
        var name = command.Parameters.Add(new SqliteParameter("$event", DBNull.Value));
        var detail = command.Parameters.Add(new SqliteParameter("$detail", DBNull.Value));
        command.Prepare();
        foreach (var e in events)
        {
            tenant.Value = e.Tenant;
            device.Value = e.DeviceId;
            at.Value = e.At.ToUnixTimeMilliseconds();
            name.Value = e.Event;
            detail.Value = e.Detail;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<List<DeviceRecord>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var devices = new List<DeviceRecord>();
        var metrics = new MetricsColumn();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(Read(reader, metrics));
        }

        return devices;
    }

    private static DeviceRecord Read(DbDataReader r, MetricsColumn metricsColumn)
    {
        DomainNames.TryParseKind(r.GetString(2), out var kind);
        DomainNames.TryParseState(r.GetString(9), out var state);
        return new DeviceRecord
        {
            Tenant = r.GetString(0),
            Id = r.GetString(1),
            Kind = kind,
            Parent = r.Text(3),
            Site = r.Text(4),
            Customer = r.Text(5),
            Model = r.Text(6),
            Firmware = r.Text(7),
            IntervalSeconds = (int?)r.Long(8),
            State = state,
            StateSince = r.Time(10),
            LastSeen = r.Time(11),
            OutageStartedAt = r.Time(12),
            DownCause = Enum.TryParse<DownCause>(r.Text(13), out var cause) ? cause : null,
            UptimeSeconds = r.Long(14),
            Metrics = r.IsDBNull(15) ? [] : metricsColumn.Read(Encoding.UTF8.GetBytes(r.GetString(15))),
            LastRebootAt = r.Time(16),
            Transitions = DeviceColumns.Transitions(r.Text(17)),
        };
    }
}
