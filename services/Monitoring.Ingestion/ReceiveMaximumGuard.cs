using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Monitoring.Ingestion;

/// <summary>
/// Holds the worker to the Receive Maximum it granted in CONNECT: once that many QoS 1 and 2 messages await their
/// acknowledgement, no further packet is read from the connection until one is acknowledged, so the broker's excess
/// waits in the broker's own queue (and the kernel's socket buffers) instead of in this process.
/// </summary>
/// <remarks>
/// MQTT 5 leaves the limit to the broker, but a broker may overrun it (Mosquitto 2.0.11 stops counting once the
/// client starts acknowledging): without this, a worker that acknowledges after its batch write receives the whole
/// backlog into memory, and every message outlives a garbage collection. A message's slot is given back when its
/// PUBACK goes out, or for QoS 2 its PUBREC: the PUBREL that completes that exchange must still be read, so holding
/// the slot until PUBCOMP could stop the reader for good. A duplicate acknowledgement gives back nothing.
/// </remarks>
internal sealed class ReceiveMaximumGuard : IMqttChannelAdapter
{
    private readonly IMqttChannelAdapter _inner;
    private readonly SemaphoreSlim _slots;
    private readonly bool[] _awaitingAck = new bool[ushort.MaxValue + 1];
    private readonly Lock _gate = new();

    public ReceiveMaximumGuard(IMqttChannelAdapter inner, int receiveMaximum)
    {
        _inner = inner;
        _slots = new SemaphoreSlim(receiveMaximum, receiveMaximum);
    }

    public long BytesReceived => _inner.BytesReceived;
    public long BytesSent => _inner.BytesSent;
    public X509Certificate2 ClientCertificate => _inner.ClientCertificate;
    public EndPoint RemoteEndPoint => _inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => _inner.LocalEndPoint;
    public bool IsSecureConnection => _inner.IsSecureConnection;
    public MqttPacketFormatterAdapter PacketFormatterAdapter => _inner.PacketFormatterAdapter;

    public Task ConnectAsync(CancellationToken cancellationToken) => _inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => _inner.DisconnectAsync(cancellationToken);

    public void ResetStatistics() => _inner.ResetStatistics();

    /// <summary>Reads the next packet once a slot is free; a packet that needs no acknowledgement hands its slot back.</summary>
    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        MqttPacket packet;
        try
        {
            packet = await _inner.ReceivePacketAsync(cancellationToken);
        }
        catch
        {
            _slots.Release();
            throw;
        }

        if (!Holds(packet))
        {
            _slots.Release();
        }

        return packet;
    }

    public async Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        await _inner.SendPacketAsync(packet, cancellationToken);
        var acknowledged = packet switch
        {
            MqttPubAckPacket ack => ack.PacketIdentifier,
            MqttPubRecPacket received => received.PacketIdentifier,
            _ => (ushort)0,
        };
        if (acknowledged != 0 && Settle(acknowledged))
        {
            _slots.Release();
        }
    }

    // The semaphore holds no handle, and a late acknowledgement may still release a slot after the connection is gone.
    public void Dispose() => _inner.Dispose();

    /// <summary>True when <paramref name="packet"/> keeps its slot until acknowledged: a QoS 1 or 2 PUBLISH not already held.</summary>
    private bool Holds(MqttPacket? packet)
    {
        if (packet is not MqttPublishPacket { QualityOfServiceLevel: > MqttQualityOfServiceLevel.AtMostOnce } publish)
        {
            return false;
        }

        lock (_gate)
        {
            if (_awaitingAck[publish.PacketIdentifier])
            {
                return false;
            }

            _awaitingAck[publish.PacketIdentifier] = true;
            return true;
        }
    }

    private bool Settle(ushort packetIdentifier)
    {
        lock (_gate)
        {
            if (!_awaitingAck[packetIdentifier])
            {
                return false;
            }

            _awaitingAck[packetIdentifier] = false;
            return true;
        }
    }
}
