using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitoring.Core.Cases;
using Monitoring.Core.Json;
using Monitoring.Core.Notifications;

namespace Monitoring.Storage.Sqlite;

/// <summary>Writing and reading outbox rows; writes join the caller's transaction.</summary>
internal static class SqliteOutboxRows
{
    public const string Columns = "id, tenant, event, case_id, channel, destination, customer, status, attempts, last_error, created_at, delivered_at, due_at, body";

    /// <summary>Adds <paramref name="messages"/> as pending rows, due at once; a message already written (same id) is left as it is.</summary>
    public static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR IGNORE INTO outbox (id, tenant, event, case_id, channel, destination, customer, status, attempts, created_at, due_at, body)
            VALUES ($id, $tenant, $event, $caseId, $channel, $destination, $customer, 'pending', 0, $createdAt, $createdAt, $body)
            """;
        var parameters = new[] { "$id", "$tenant", "$event", "$caseId", "$channel", "$destination", "$customer", "$createdAt", "$body" }
            .Select(name => command.Parameters.Add(new SqliteParameter(name, DBNull.Value)))
            .ToArray();
        foreach (var m in messages)
        {
            parameters[0].Value = m.Id;
            parameters[1].Value = m.Tenant;
            parameters[2].Value = m.Event;
            parameters[3].Value = m.Case.Id;
            parameters[4].Value = m.Channel;
            parameters[5].Value = m.Destination;
            parameters[6].Value = SqliteValues.Db(m.Customer);
            parameters[7].Value = m.CreatedAt.ToUnixTimeMilliseconds();
            parameters[8].Value = JsonSerializer.Serialize(m.Case, ContractJson.Options);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Reads rows selected as <see cref="Columns"/>.</summary>
    public static async Task<List<Delivery>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<Delivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Delivery
            {
                Id = reader.GetString(0),
                Tenant = reader.GetString(1),
                Event = reader.GetString(2),
                CaseId = reader.GetString(3),
                Channel = reader.GetString(4),
                Destination = reader.GetString(5),
                Customer = reader.Text(6),
                Status = reader.GetString(7),
                Attempts = reader.GetInt32(8),
                LastError = reader.Text(9),
                CreatedAt = reader.Time(10)!.Value,
                DeliveredAt = reader.Time(11),
                DueAt = reader.Time(12)!.Value,
                Case = JsonSerializer.Deserialize<SupportCase>(reader.GetString(13), ContractJson.Options)!,
            });
        }

        return rows;
    }

    /// <summary>Adds <c>$id0…$idN</c> for <paramref name="ids"/> and returns the list to put in <c>IN (…)</c>.</summary>
    public static string AddIds(DbCommand command, IReadOnlyCollection<string> ids)
    {
        var names = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            var name = $"$id{names.Count}";
            command.Add(name, id);
            names.Add(name);
        }

        return string.Join(", ", names);
    }
}
