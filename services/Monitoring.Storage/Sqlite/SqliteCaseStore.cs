using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitoring.Core.Cases;
using Monitoring.Core.Json;
using Monitoring.Core.Notifications;
using Monitoring.Core.Stores;

namespace Monitoring.Storage.Sqlite;

/// <summary>Cases as JSON bodies with their filterable fields in columns; every write checks the version it was read at.</summary>
public sealed class SqliteCaseStore : ICaseStore
{
    internal const string OutagesStartedQuery =
        "SELECT body, version FROM cases WHERE tenant = $tenant AND outage_started_at >= $from AND outage_started_at < $to";

    private readonly SqliteDatabase _database;

    public SqliteCaseStore(SqliteDatabase database) => _database = database;

    public async Task<IReadOnlyList<SupportCase>> LoadCurrentAsync(DateTimeOffset resolvedSince, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body, version FROM cases WHERE status <> 'resolved' OR resolved_at >= $since";
        command.Add("$since", resolvedSince.ToUnixTimeMilliseconds());
        return await ReadAllAsync(command, cancellationToken);
    }

    public Task<IReadOnlyList<string>> SaveAsync(
        IReadOnlyCollection<SupportCase> opened, IReadOnlyCollection<SupportCase> changed, OutboxPlan? outbox, CancellationToken cancellationToken)
    {
        return _database.WriteAsync<IReadOnlyList<string>>(async (connection, transaction) =>
        {
            foreach (var c in opened)
            {
                await InsertAsync(connection, transaction, c, cancellationToken);
                if (outbox is not null)
                {
                    await SqliteOutboxRows.InsertAsync(connection, transaction, outbox(null, c), cancellationToken);
                }
            }

            var conflicts = new List<string>();
            foreach (var c in changed)
            {
                var before = outbox is null ? null : await ReadVersionAsync(connection, transaction, c, cancellationToken);
                if (!await UpdateAsync(connection, transaction, c, cancellationToken))
                {
                    conflicts.Add(c.Id);
                }
                else if (outbox is not null && before is not null)
                {
                    await SqliteOutboxRows.InsertAsync(connection, transaction, outbox(before, c), cancellationToken);
                }
            }

            return conflicts;
        }, cancellationToken);
    }

    public async Task<SupportCase?> FindAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body, version FROM cases WHERE tenant = $tenant AND id = $id";
        command.Add("$tenant", tenant);
        command.Add("$id", id);
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<Page<SupportCase>> ListAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filters = new List<string> { "c.tenant = $tenant" };
        command.Add("$tenant", query.Tenant);
        if (query.Status is not null) { filters.Add("c.status = $status"); command.Add("$status", query.Status); }
        if (query.Kind is not null) { filters.Add("c.kind = $kind"); command.Add("$kind", query.Kind); }
        if (query.Customer is not null) { filters.Add("c.customer = $customer"); command.Add("$customer", query.Customer); }
        if (query.Device is not null)
        {
            filters.Add("EXISTS (SELECT 1 FROM case_devices d WHERE d.tenant = c.tenant AND d.device = $device AND d.case_id = c.id)");
            command.Add("$device", query.Device);
        }

        Cursor.AddNewestFirstFilter(command, filters, query.Cursor, "c.opened_at", "c.id");

        command.CommandText = $"SELECT c.body, c.version FROM cases c WHERE {string.Join(" AND ", filters)} ORDER BY c.opened_at DESC, c.id DESC LIMIT $limit";
        command.Add("$limit", query.Limit + 1);
        return Cursor.Paged(await ReadAllAsync(command, cancellationToken), query.Limit, last => Cursor.Encode(last.OpenedAt, last.Id));
    }

    public async Task<IReadOnlyList<SupportCase>> OutagesStartedAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = OutagesStartedQuery;
        command.Add("$tenant", tenant);
        command.Add("$from", from.ToUnixTimeMilliseconds());
        command.Add("$to", to.ToUnixTimeMilliseconds());
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountActiveByKindAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, COUNT(*) FROM cases WHERE tenant = $tenant AND status <> 'resolved' GROUP BY kind";
        command.Add("$tenant", tenant);
        var counts = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, SupportCase c, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO cases (id, tenant, kind, status, subject_type, subject_id, customer, opened_at, resolved_at, outage_started_at, version, body)
            VALUES ($id, $tenant, $kind, $status, $subjectType, $subjectId, $customer, $openedAt, $resolvedAt, $outageStartedAt, 1, $body)
            """;
        AddColumns(command, c);
        command.Add("$kind", c.Kind);
        command.Add("$subjectType", c.Subject.Type);
        command.Add("$subjectId", c.Subject.Id);
        command.Add("$openedAt", c.OpenedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
        await LinkDevicesAsync(connection, transaction, c, cancellationToken);
    }

    private static async Task<SupportCase?> ReadVersionAsync(SqliteConnection connection, SqliteTransaction transaction, SupportCase c, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT body, version FROM cases WHERE id = $id AND tenant = $tenant AND version = $version";
        command.Add("$id", c.Id);
        command.Add("$tenant", c.Tenant);
        command.Add("$version", c.Version);
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<bool> UpdateAsync(SqliteConnection connection, SqliteTransaction transaction, SupportCase c, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE cases SET status = $status, customer = $customer, resolved_at = $resolvedAt, outage_started_at = $outageStartedAt,
                body = $body, version = version + 1
            WHERE id = $id AND tenant = $tenant AND version = $version
            """;
        AddColumns(command, c);
        command.Add("$version", c.Version);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await LinkDevicesAsync(connection, transaction, c, cancellationToken);
        return true;
    }

    private static void AddColumns(DbCommand command, SupportCase c)
    {
        command.Add("$id", c.Id);
        command.Add("$tenant", c.Tenant);
        command.Add("$status", c.Status);
        command.Add("$customer", SqliteValues.Db(c.Customer));
        command.Add("$resolvedAt", SqliteValues.Db(c.ResolvedAt));
        command.Add("$outageStartedAt", c.OutageStartedAt.ToUnixTimeMilliseconds());
        command.Add("$body", JsonSerializer.Serialize(c, ContractJson.Options));
    }

    private static async Task LinkDevicesAsync(SqliteConnection connection, SqliteTransaction transaction, SupportCase c, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO case_devices (case_id, tenant, device) VALUES ($id, $tenant, $device)";
        command.Add("$id", c.Id);
        command.Add("$tenant", c.Tenant);
        var device = command.Parameters.Add(new SqliteParameter("$device", DBNull.Value));
        foreach (var id in c.Devices)
        {
            device.Value = id;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<List<SupportCase>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var cases = new List<SupportCase>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var body = JsonSerializer.Deserialize<SupportCase>(reader.GetString(0), ContractJson.Options)!;
            cases.Add(body with { Version = reader.GetInt64(1) });
        }

        return cases;
    }
}
