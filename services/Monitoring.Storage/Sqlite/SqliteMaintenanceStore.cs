using System.Data.Common;
using Monitoring.Core.Maintenance;
using Monitoring.Core.Stores;

namespace Monitoring.Storage.Sqlite;

/// <summary>
/// Maintenance windows, with the end of their effect (<c>until_at</c>) in a column of its own so a detection pass finds
/// every window that matters to it in one indexed range read.
/// </summary>
public sealed class SqliteMaintenanceStore : IMaintenanceStore
{
    private const string Columns = "tenant, id, scope_type, scope_id, from_at, to_at, ended_at, reason, updated_at";
    internal const string InEffectSinceQuery = $"SELECT {Columns} FROM maintenance_windows WHERE until_at > $since AND until_at > from_at";
    private readonly SqliteDatabase _database;

    public SqliteMaintenanceStore(SqliteDatabase database) => _database = database;

    public Task<bool> PutAsync(MaintenanceWindow window, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            var existed = await connection.HasRowAsync(transaction, "maintenance_windows", window.Tenant, window.Id, cancellationToken);

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT OR REPLACE INTO maintenance_windows ({Columns}, until_at)
                VALUES ($tenant, $id, $scopeType, $scopeId, $from, $to, $endedAt, $reason, $updatedAt, $until)
                """;
            command.Add("$tenant", window.Tenant);
            command.Add("$id", window.Id);
            command.Add("$scopeType", window.Scope.Type);
            command.Add("$scopeId", SqliteValues.Db(window.Scope.Id));
            command.Add("$from", window.From.ToUnixTimeMilliseconds());
            command.Add("$to", window.To.ToUnixTimeMilliseconds());
            command.Add("$endedAt", SqliteValues.Db(window.EndedAt));
            command.Add("$reason", SqliteValues.Db(window.Reason));
            command.Add("$updatedAt", window.UpdatedAt.ToUnixTimeMilliseconds());
            command.Add("$until", window.Until.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
            return !existed;
        }, cancellationToken);

    public async Task<MaintenanceWindow?> FindAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM maintenance_windows WHERE tenant = $tenant AND id = $id";
        command.Add("$tenant", tenant);
        command.Add("$id", id);
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<Page<MaintenanceWindow>> ListAsync(MaintenanceQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filters = new List<string> { "tenant = $tenant" };
        command.Add("$tenant", query.Tenant);
        if (query.Active is { } active)
        {
            filters.Add(active ? "(from_at <= $at AND until_at > $at)" : "NOT (from_at <= $at AND until_at > $at)");
            command.Add("$at", query.At.ToUnixTimeMilliseconds());
        }

        Cursor.AddNewestFirstFilter(command, filters, query.Cursor, "from_at", "id");

        command.CommandText = $"SELECT {Columns} FROM maintenance_windows WHERE {string.Join(" AND ", filters)} ORDER BY from_at DESC, id DESC LIMIT $limit";
        command.Add("$limit", query.Limit + 1);
        return Cursor.Paged(await ReadAllAsync(command, cancellationToken), query.Limit, last => Cursor.Encode(last.From, last.Id));
    }

    public async Task<IReadOnlyList<MaintenanceWindow>> InEffectSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = InEffectSinceQuery;
        command.Add("$since", since.ToUnixTimeMilliseconds());
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<List<MaintenanceWindow>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var windows = new List<MaintenanceWindow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            windows.Add(new MaintenanceWindow
            {
                Tenant = reader.GetString(0),
                Id = reader.GetString(1),
                Scope = new MaintenanceScope(reader.GetString(2), reader.Text(3)),
                From = reader.Time(4)!.Value,
                To = reader.Time(5)!.Value,
                EndedAt = reader.Time(6),
                Reason = reader.Text(7),
                UpdatedAt = reader.Time(8)!.Value,
            });
        }

        return windows;
    }
}
