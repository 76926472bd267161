using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Storage.Sqlite;

namespace Monitoring.Storage;

internal sealed class StoreHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("state store answers");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("state store does not answer", ex);
        }
    }
}
