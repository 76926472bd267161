namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// One embedded-broker server shared by the tests of a class (each test uses its own tenants and devices). Its payload
/// limit is small (1024 bytes) so an oversized heartbeat is cheap to send.
/// </summary>
public sealed class EmbeddedServerFixture : IAsyncLifetime
{
    public const int MaxPayloadBytes = 1024;

    public MonitoringServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MonitoringServer.StartAsync($"--Mqtt:MaxPayloadBytes={MaxPayloadBytes}");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
