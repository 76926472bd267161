using System.Data.Common;
using Monitoring.Core.Stores;

namespace Monitoring.Storage.Sqlite;

/// <summary>Customer contacts, listed newest first.</summary>
public sealed class SqliteContactStore : IContactStore
{
    private const string Columns = "id, tenant, customer, device, at, channel, recorded_at";
    private readonly SqliteDatabase _database;

    public SqliteContactStore(SqliteDatabase database) => _database = database;

    public Task AddAsync(SupportContact contact, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO contacts ({Columns}) VALUES ($id, $tenant, $customer, $device, $at, $channel, $recordedAt)";
            command.Add("$id", contact.Id);
            command.Add("$tenant", contact.Tenant);
            command.Add("$customer", SqliteValues.Db(contact.Customer));
            command.Add("$device", SqliteValues.Db(contact.Device));
            command.Add("$at", contact.At.ToUnixTimeMilliseconds());
            command.Add("$channel", contact.Channel);
            command.Add("$recordedAt", contact.RecordedAt.ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<Page<SupportContact>> ListAsync(ContactQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filters = new List<string> { "tenant = $tenant" };
        command.Add("$tenant", query.Tenant);
        if (query.Customer is not null) { filters.Add("customer = $customer"); command.Add("$customer", query.Customer); }
        if (query.Device is not null) { filters.Add("device = $device"); command.Add("$device", query.Device); }
        if (query.From is { } from) { filters.Add("at >= $from"); command.Add("$from", from.ToUnixTimeMilliseconds()); }
        if (query.To is { } to) { filters.Add("at < $to"); command.Add("$to", to.ToUnixTimeMilliseconds()); }
        Cursor.AddNewestFirstFilter(command, filters, query.Cursor, "at", "id");

        command.CommandText = $"SELECT {Columns} FROM contacts WHERE {string.Join(" AND ", filters)} ORDER BY at DESC, id DESC LIMIT $limit";
        command.Add("$limit", query.Limit + 1);
        return Cursor.Paged(await ReadAllAsync(command, cancellationToken), query.Limit, last => Cursor.Encode(last.At, last.Id));
    }

    public async Task<IReadOnlyList<SupportContact>> BetweenAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM contacts WHERE tenant = $tenant AND at >= $from AND at <= $to";
        command.Add("$tenant", tenant);
        command.Add("$from", from.ToUnixTimeMilliseconds());
        command.Add("$to", to.ToUnixTimeMilliseconds());
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<List<SupportContact>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var contacts = new List<SupportContact>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            contacts.Add(new SupportContact
            {
                Id = reader.GetString(0),
                Tenant = reader.GetString(1),
                Customer = reader.Text(2),
                Device = reader.Text(3),
                At = reader.Time(4)!.Value,
                Channel = reader.GetString(5),
                RecordedAt = reader.Time(6)!.Value,
            });
        }

        return contacts;
    }
}
