using System.Text.Json;
using Monitoring.Core.Customers;
using Monitoring.Core.Json;
using Monitoring.Core.Stores;

namespace Monitoring.Storage.Sqlite;

/// <summary>Customers as JSON bodies keyed by tenant and id.</summary>
public sealed class SqliteCustomerStore(SqliteDatabase database) : ICustomerStore
{
    public Task<bool> PutAsync(Customer customer, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var existed = await connection.HasRowAsync(transaction, "customers", customer.Tenant, customer.Id, cancellationToken);

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO customers (tenant, id, updated_at, body) VALUES ($tenant, $id, $at, $body)
                ON CONFLICT (tenant, id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body
                """;
            command.Add("$tenant", customer.Tenant);
            command.Add("$id", customer.Id);
            command.Add("$at", at.ToUnixTimeMilliseconds());
            command.Add("$body", JsonSerializer.Serialize(customer, ContractJson.Options));
            await command.ExecuteNonQueryAsync(cancellationToken);
            return !existed;
        }, cancellationToken);

    public async Task<Customer?> FindAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM customers WHERE tenant = $tenant AND id = $id";
        command.Add("$tenant", tenant);
        command.Add("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string body
            ? JsonSerializer.Deserialize<Customer>(body, ContractJson.Options)
            : null;
    }
}
