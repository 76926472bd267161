using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace Monitoring.Ingestion;

/// <summary>
/// Reads the broker connection through a buffer: MQTTnet asks for each packet's fixed header, length and body
/// separately, three socket reads a heartbeat; here one read takes in as many packets as have arrived.
/// </summary>
internal sealed class BufferedMqttChannel(IMqttChannel inner, int bufferSize) : IMqttChannel
{
    private readonly byte[] _buffer = new byte[bufferSize];
    private int _start;
    private int _end;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => inner.LocalEndPoint;
    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        _start = _end = 0;
        return inner.ConnectAsync(cancellationToken);
    }

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            // A read at least as large as the buffer gains nothing from it.
            if (count >= _buffer.Length)
            {
                return await inner.ReadAsync(buffer, offset, count, cancellationToken);
            }

            var read = await inner.ReadAsync(_buffer, 0, _buffer.Length, cancellationToken);
            if (read <= 0)
            {
                return read;
            }

            _start = 0;
            _end = read;
        }

        var taken = Math.Min(count, _end - _start);
        Buffer.BlockCopy(_buffer, _start, buffer, offset, taken);
        _start += taken;
        return taken;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public void Dispose() => inner.Dispose();
}
