using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Monitoring.Server;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// The real server in this process: <see cref="MonitoringHost.Build"/> on Kestrel at a free loopback port, with the
/// embedded broker (or a real external one) on a free port and SQLite in a temp folder. Started means ready:
/// <c>/readyz</c> answered 200, so devices may publish.
/// </summary>
public sealed class MonitoringServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly WebApplication _app;
    private readonly TempFolder? _ownedData;
    private readonly List<HttpClient> _clients = [];
    private bool _stopped;

    private MonitoringServer(WebApplication app, ServerArguments arguments, TempFolder? ownedData)
    {
        _app = app;
        _ownedData = ownedData;
        Arguments = arguments;
        Http = CreateClient(AdminKey);
        Api = new MonitoringApi(Http);
    }

    public ServerArguments Arguments { get; }

    public Uri BaseAddress => Arguments.BaseAddress;

    public int MqttPort => Arguments.MqttPort;

    public string TopicRoot => Arguments.TopicRoot;

    public string AdminKey => ServerArguments.AdminKey;

    /// <summary>An HttpClient at <see cref="BaseAddress"/> that sends the admin key.</summary>
    public HttpClient Http { get; }

    public MonitoringApi Api { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server with the test defaults, then <paramref name="overrides"/> (<c>--Section:Key=value</c>).</summary>
    public static Task<MonitoringServer> StartAsync(params string[] overrides)
    {
        var data = new TempFolder();
        return StartAsync(ServerArguments.Defaults(data.Path).With(overrides), data);
    }

    /// <summary>Starts a server with exactly <paramref name="arguments"/>; the caller owns their data folder.</summary>
    public static Task<MonitoringServer> StartAsync(ServerArguments arguments) => StartAsync(arguments, null);

    /// <summary>Builds the host as the real entry point does.</summary>
    public static WebApplication Build(ServerArguments arguments) => MonitoringHost.Build(arguments.ToArgs());

    public HttpClient CreateClient(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        _clients.Add(client);
        return client;
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            // Pooled SQLite connections would otherwise keep the deleted database files open for the rest of the run.
            SqliteConnection.ClearAllPools();
            _ownedData?.Dispose();
        }
    }

    private static async Task<MonitoringServer> StartAsync(ServerArguments arguments, TempFolder? ownedData)
    {
        WebApplication app;
        try
        {
            app = Build(arguments);
        }
        catch
        {
            ownedData?.Dispose();
            throw;
        }

        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            ownedData?.Dispose();
            throw;
        }

        var server = new MonitoringServer(app, arguments, ownedData);
        try
        {
            await Polling.Eventually(server.Api.IsReadyAsync, ReadyTimeout, $"server at {server.BaseAddress} answers /readyz 200");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
