using Monitoring.Core.Notifications;
using Monitoring.Core.Stores;

namespace Monitoring.Storage.Sqlite;

/// <summary>
/// The outbox table as the notify role works it. A claim is one <c>UPDATE … RETURNING</c> in an immediate
/// transaction, so two workers (in one process or many, on one database file) never lease the same row at once.
/// </summary>
public sealed class SqliteOutbox(SqliteDatabase database) : INotificationOutbox
{
    public Task<IReadOnlyList<Delivery>> ClaimDueAsync(string worker, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<Delivery>>(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                UPDATE outbox SET lease_owner = $worker, lease_until = $until
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE status = 'pending' AND due_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                    ORDER BY due_at, created_at LIMIT $max)
                RETURNING {SqliteOutboxRows.Columns}
                """;
            command.Add("$worker", worker);
            command.Add("$until", (now + lease).ToUnixTimeMilliseconds());
            command.Add("$now", now.ToUnixTimeMilliseconds());
            command.Add("$max", max);
            var rows = await SqliteOutboxRows.ReadAllAsync(command, cancellationToken);
            return rows.OrderBy(r => r.DueAt).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    public Task RecordFailureAsync(IReadOnlyCollection<string> ids, string worker, int attempts, string error, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(ids, worker, "attempts = $attempts, last_error = $error, lease_until = $until", cancellationToken,
            ("$attempts", attempts), ("$error", Clip(error)), ("$until", leaseUntil.ToUnixTimeMilliseconds()));

    public Task MarkDeliveredAsync(IReadOnlyCollection<string> ids, string worker, int attempts, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(ids, worker, "status = 'delivered', attempts = $attempts, delivered_at = $at, lease_owner = NULL, lease_until = NULL", cancellationToken,
            ("$attempts", attempts), ("$at", at.ToUnixTimeMilliseconds()));

    public Task MarkDeadAsync(IReadOnlyCollection<string> ids, string worker, int attempts, string error, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(ids, worker, "status = 'dead', attempts = $attempts, last_error = $error, lease_owner = NULL, lease_until = NULL", cancellationToken,
            ("$attempts", attempts), ("$error", Clip(error)));

    public Task PostponeAsync(IReadOnlyCollection<string> ids, string worker, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(ids, worker, "due_at = $due, lease_owner = NULL, lease_until = NULL", cancellationToken, ("$due", dueAt.ToUnixTimeMilliseconds()));

    public async Task<IReadOnlyList<DateTimeOffset>> DeliveredToSinceAsync(
        string tenant, string channel, string destination, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT delivered_at FROM outbox
            WHERE tenant = $tenant AND channel = $channel AND destination = $destination AND status = 'delivered' AND delivered_at > $since
            ORDER BY delivered_at
            """;
        command.Add("$tenant", tenant);
        command.Add("$channel", channel);
        command.Add("$destination", destination);
        command.Add("$since", since.ToUnixTimeMilliseconds());
        var times = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            times.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        }

        return times;
    }

    public async Task<Page<Delivery>> ListAsync(string tenant, string? status, int limit, string? cursor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filters = new List<string> { "tenant = $tenant" };
        command.Add("$tenant", tenant);
        if (status is not null)
        {
            filters.Add("status = $status");
            command.Add("$status", status);
        }

        Cursor.AddNewestFirstFilter(command, filters, cursor, "created_at", "id");

        command.CommandText = $"SELECT {SqliteOutboxRows.Columns} FROM outbox WHERE {string.Join(" AND ", filters)} ORDER BY created_at DESC, id DESC LIMIT $limit";
        command.Add("$limit", limit + 1);
        return Cursor.Paged(await SqliteOutboxRows.ReadAllAsync(command, cancellationToken), limit, last => Cursor.Encode(last.CreatedAt, last.Id));
    }

    public Task<RetryOutcome> RetryAsync(string tenant, string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE outbox SET status = 'pending', attempts = 0, due_at = $now, lease_owner = NULL, lease_until = NULL
                WHERE tenant = $tenant AND id = $id AND status = 'dead'
                """;
            command.Add("$tenant", tenant);
            command.Add("$id", id);
            command.Add("$now", now.ToUnixTimeMilliseconds());
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return RetryOutcome.Retried;
            }

            return await connection.HasRowAsync(transaction, "outbox", tenant, id, cancellationToken) ? RetryOutcome.NotDead : RetryOutcome.NotFound;
        }, cancellationToken);

    private Task UpdateLeasedAsync(
        IReadOnlyCollection<string> ids, string worker, string assignments, CancellationToken cancellationToken, params (string Name, object Value)[] values) =>
        ids.Count == 0 ? Task.CompletedTask : database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var list = SqliteOutboxRows.AddIds(command, ids);
            command.CommandText = $"UPDATE outbox SET {assignments} WHERE id IN ({list}) AND status = 'pending' AND lease_owner = $worker";
            command.Add("$worker", worker);
            foreach (var (name, value) in values)
            {
                command.Add(name, value);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private static string Clip(string error) => error.Length <= 1000 ? error : error[..1000];
}
