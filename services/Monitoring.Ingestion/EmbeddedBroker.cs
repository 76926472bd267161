using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Runtime.CompilerServices;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace Monitoring.Ingestion;

/// <summary>
/// The in-process MQTT broker of a single-binary install: devices connect to it on <c>Mqtt:Port</c>. It keeps
/// retained messages and publishes Last Wills, and gives a client that connects without an id one of its own.
/// </summary>
internal sealed partial class EmbeddedBroker(IOptions<MqttOptions> options, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = options.Value.Port;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(1_000_000)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += AssignClientId;
        await _server.StartAsync();
        LogStarted(port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    public void Dispose() => _server?.Dispose();

    private static Task AssignClientId(ValidatingConnectionEventArgs args)
    {
        if (!string.IsNullOrEmpty(args.ClientId))
        {
            return Task.CompletedTask;
        }

        var assigned = $"auto-{Guid.NewGuid():N}";
        if (args.ProtocolVersion == MqttProtocolVersion.V500)
        {
            args.AssignedClientIdentifier = assigned;
        }
        else if (args.CleanSession == true)
        {
            // MQTT 3.1.1 (3.1.3-6) lets the server assign an id to a clean-session client that sends none;
            // the library only does so for MQTT 5, so the id is written into the CONNECT packet it validates.
            ConnectPacket(args).ClientId = assigned;
        }

        return Task.CompletedTask;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_connectPacket")]
    private static extern ref MqttConnectPacket ConnectPacket(ValidatingConnectionEventArgs args);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on port {Port}")]
    private partial void LogStarted(int port);
}
