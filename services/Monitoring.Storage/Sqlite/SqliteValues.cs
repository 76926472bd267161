using System.Data.Common;

namespace Monitoring.Storage.Sqlite;

/// <summary>Conversions between domain values and SQLite columns: times are Unix milliseconds.</summary>
internal static class SqliteValues
{
    public static object Db(string? value) => value is null ? DBNull.Value : value;

    public static object Db(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    public static object Db(long? value) => value is { } v ? v : DBNull.Value;

    public static string? Text(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? Long(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset? Time(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static void Add(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Whether <paramref name="table"/> (a name from code, never from input) holds the row (tenant, id), read in the caller's transaction.</summary>
    public static async Task<bool> HasRowAsync(
        this DbConnection connection, DbTransaction transaction, string table, string tenant, string id, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = $"SELECT EXISTS (SELECT 1 FROM {table} WHERE tenant = $tenant AND id = $id)";
        exists.Add("$tenant", tenant);
        exists.Add("$id", id);
        return Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken)) == 1;
    }
}
