using Monitoring.Core.Stores;

namespace Monitoring.Storage.Sqlite;

public sealed class SqliteApiKeyStore : IApiKeyStore
{
    private readonly SqliteDatabase _database;

    public SqliteApiKeyStore(SqliteDatabase database) => _database = database;

    public async Task<ApiKeyRecord?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant, created_at FROM api_keys WHERE hash = $hash";
        command.Add("$hash", hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ApiKeyRecord(hash, reader.Text(0), reader.Time(1)!.Value)
            : null;
    }

    public Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO api_keys (hash, tenant, created_at) VALUES ($hash, $tenant, $at)";
            command.Add("$hash", key.Hash);
            command.Add("$tenant", SqliteValues.Db(key.Tenant));
            command.Add("$at", key.CreatedAt.ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM api_keys WHERE tenant IS NULL)";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 1;
    }
}
