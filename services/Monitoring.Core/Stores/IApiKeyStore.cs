namespace Monitoring.Core.Stores;

public interface IApiKeyStore
{
    Task<ApiKeyRecord?> FindAsync(string hash, CancellationToken cancellationToken);

    Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    Task<bool> AnyAdminAsync(CancellationToken cancellationToken);
}
