using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace Monitoring.Ingestion;

/// <summary>
/// The broker connection through buffers both ways. MQTTnet asks for each packet's fixed header, length and body
/// separately, three socket reads a heartbeat; here one read takes in as many packets as have arrived. And MQTTnet
/// writes each PUBACK on its own; here the acknowledgements of a batch, queued while one write is on its way, leave
/// together in the next, so neither this process nor the broker pays a system call for each.
/// </summary>
/// <remarks>
/// A write completes once queued, in order. A failed send fails every later write (and the reader sees the closed
/// connection), so MQTTnet disconnects and the broker delivers again what it never saw acknowledged.
/// </remarks>
internal sealed class BufferedMqttChannel(IMqttChannel inner, int bufferSize) : IMqttChannel
{
    private readonly byte[] _buffer = new byte[bufferSize];
    private readonly Lock _outgoing = new();
    private ArrayBufferWriter<byte> _queued = new(bufferSize);
    private ArrayBufferWriter<byte> _sending = new(bufferSize);
    private Task _sender = Task.CompletedTask;
    private bool _sendScheduled;
    private Exception? _sendFailure;
    private int _start;
    private int _end;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => inner.LocalEndPoint;
    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        // What was queued (the DISCONNECT packet last) leaves before the connection closes.
        Task sender;
        lock (_outgoing)
        {
            sender = _sender;
        }

        await sender.WaitAsync(cancellationToken);
        await inner.DisconnectAsync(cancellationToken);
    }

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

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        Task sender;
        bool full;
        lock (_outgoing)
        {
            if (_sendFailure is { } failure)
            {
                return Task.FromException(failure);
            }

            foreach (var segment in buffer)
            {
                _queued.Write(segment.Span);
            }

            if (isEndOfPacket && !_sendScheduled)
            {
                _sendScheduled = true;
                _sender = Task.Run(SendQueuedAsync, CancellationToken.None);
            }

            sender = _sender;
            full = _queued.WrittenCount >= _buffer.Length;
        }

        // A slow connection holds the writer back once a buffer's worth waits, rather than queueing without bound.
        return full ? sender.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    private async Task SendQueuedAsync()
    {
        while (true)
        {
            lock (_outgoing)
            {
                if (_queued.WrittenCount == 0)
                {
                    _sendScheduled = false;
                    return;
                }

                (_queued, _sending) = (_sending, _queued);
                _queued.ResetWrittenCount();
            }

            try
            {
                await inner.WriteAsync(new ReadOnlySequence<byte>(_sending.WrittenMemory), isEndOfPacket: true, CancellationToken.None);
            }
            catch (Exception ex)
            {
                lock (_outgoing)
                {
                    _sendFailure = ex;
                    _sendScheduled = false;
                }

                return;
            }
        }
    }

    public void Dispose() => inner.Dispose();
}
