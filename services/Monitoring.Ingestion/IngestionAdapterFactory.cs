using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Diagnostics.PacketInspection;
using MQTTnet.Formatter;
using MQTTnet.Implementations;

namespace Monitoring.Ingestion;

/// <summary>
/// The ingestion worker's connection to the broker: MQTTnet's TCP channel (TLS included) read through a buffer, with
/// the worker's Receive Maximum enforced on its side of the connection.
/// </summary>
internal sealed class IngestionAdapterFactory : IMqttClientAdapterFactory
{
    private const int ReadBufferBytes = 64 * 1024;

    public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger)
    {
        var channel = new BufferedMqttChannel(new MqttTcpChannel(options), ReadBufferBytes);
        var formatter = new MqttPacketFormatterAdapter(options.ProtocolVersion, new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
        var adapter = new MqttChannelAdapter(channel, formatter, logger)
        {
            AllowPacketFragmentation = options.AllowPacketFragmentation,
            PacketInspector = packetInspector,
        };
        // MQTT 5: an absent Receive Maximum means 65535.
        return new ReceiveMaximumGuard(adapter, options.ReceiveMaximum == 0 ? ushort.MaxValue : options.ReceiveMaximum);
    }
}
