using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Auth;

/// <summary>With no <c>Api:AdminKey</c> configured and none issued yet, issues an admin key at first start and prints it once.</summary>
internal sealed partial class AdminKeyBootstrap(IOptions<ApiOptions> options, IApiKeyStore keys, TimeProvider time, ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AdminKey is { Length: > 0 } || await keys.AnyAdminAsync(cancellationToken))
        {
            return;
        }

        var key = ApiKeys.Generate();
        await keys.AddAsync(new ApiKeyRecord(ApiKeys.Hash(key), null, time.GetUtcNow()), cancellationToken);
        Console.WriteLine($"Generated admin API key (shown only this once, store it now): {key}");
        LogGenerated();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Api:AdminKey was configured: an admin key was generated and printed once on standard output")]
    private partial void LogGenerated();
}
