using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Monitoring.Core.Series;

/// <summary>
/// InfluxDB line protocol written straight into a pooled UTF-8 buffer: <c>measurement,tag=v field=1,other=2i 1700000000000</c>.
/// Escaping follows InfluxDB 1.x: measurement names escape comma and space; tag keys, tag values and field keys escape
/// comma, space and equals; string field values escape double quote and backslash. Tags with no value are left out,
/// as line protocol has no empty tag. A point is begun, given tags then fields, and ended with its timestamp.
/// </summary>
public sealed class LineProtocolBuffer : IDisposable
{
    private const byte Backslash = (byte)'\\';
    private static readonly SearchValues<char> NameSpecial = SearchValues.Create(", \\\n\r");
    private static readonly SearchValues<char> StringSpecial = SearchValues.Create("\"\\");
    private static readonly SearchValues<char> KeySpecial = SearchValues.Create(", =\\\n\r");
    private byte[] _buffer;
    private int _length;
    private int _lineStart;
    private bool _hasField;

    public LineProtocolBuffer(int initialBytes = 64 * 1024) => _buffer = ArrayPool<byte>.Shared.Rent(initialBytes);

    /// <summary>Complete lines written so far (a point begun but not ended is not counted).</summary>
    public int LineCount { get; private set; }

    /// <summary>The bytes of the complete lines, each ending in <c>\n</c>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _lineStart);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _lineStart);

    public void Clear()
    {
        _length = 0;
        _lineStart = 0;
        LineCount = 0;
        _hasField = false;
    }

    public LineProtocolBuffer Begin(string measurement)
    {
        _length = _lineStart;
        _hasField = false;
        WriteEscaped(measurement, escapeEquals: false);
        return this;
    }

    /// <summary>A tag; a null or empty value writes nothing.</summary>
    public LineProtocolBuffer Tag(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        Byte((byte)',');
        WriteEscaped(key, escapeEquals: true);
        Byte((byte)'=');
        WriteEscaped(value, escapeEquals: true);
        return this;
    }

    /// <summary>A float field, written so it reads back as the same double.</summary>
    public LineProtocolBuffer Field(string key, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "line protocol has no NaN or infinity");
        }

        FieldKey(key);
        Ensure(32);
        value.TryFormat(_buffer.AsSpan(_length), out var written, "R", CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>An integer field (<c>i</c> suffix).</summary>
    public LineProtocolBuffer Field(string key, long value)
    {
        FieldKey(key);
        Ensure(21);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
        Byte((byte)'i');
        return this;
    }

    /// <summary>A string field: double quotes and backslashes escaped.</summary>
    public LineProtocolBuffer Field(string key, string value)
    {
        FieldKey(key);
        Byte((byte)'"');
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length) * 2);
        var rest = value.AsSpan();
        int next;
        while ((next = rest.IndexOfAny(StringSpecial)) >= 0)
        {
            _length += Encoding.UTF8.GetBytes(rest[..next], _buffer.AsSpan(_length));
            _buffer[_length++] = Backslash;
            _buffer[_length++] = (byte)rest[next];
            rest = rest[(next + 1)..];
        }

        _length += Encoding.UTF8.GetBytes(rest, _buffer.AsSpan(_length));
        Byte((byte)'"');
        return this;
    }

    /// <summary>Ends the point with its timestamp (milliseconds, for <c>precision=ms</c>).</summary>
    public void End(long timestampMs)
    {
        if (!_hasField)
        {
            throw new InvalidOperationException("a point needs at least one field");
        }

        Byte((byte)' ');
        Ensure(21);
        Utf8Formatter.TryFormat(timestampMs, _buffer.AsSpan(_length), out var written);
        _length += written;
        Byte((byte)'\n');
        _lineStart = _length;
        LineCount++;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void FieldKey(string key)
    {
        Byte(_hasField ? (byte)',' : (byte)' ');
        _hasField = true;
        WriteEscaped(key, escapeEquals: true);
        Byte((byte)'=');
    }

    private void WriteEscaped(string text, bool escapeEquals)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length) * 2 + 8);
        var special = escapeEquals ? KeySpecial : NameSpecial;
        var rest = text.AsSpan();
        var at = 0;
        while (true)
        {
            var next = rest.IndexOfAny(special);
            if (next < 0)
            {
                _length += Encoding.UTF8.GetBytes(rest, _buffer.AsSpan(_length));
                return;
            }

            _length += Encoding.UTF8.GetBytes(rest[..next], _buffer.AsSpan(_length));
            var c = rest[next];
            switch (c)
            {
                case '\\' when !EndsEscape(text, at + next + 1, escapeEquals):
                    _buffer[_length++] = Backslash;
                    break;
                case '\\':
                    // InfluxDB reads "\\" literally but takes a backslash before , = space or the end as an escape,
                    // so such a backslash cannot be written; the look-alike U+29F5 stands in for it.
                    _length += Encoding.UTF8.GetBytes("\u29F5", _buffer.AsSpan(_length));
                    break;
                case '\n' or '\r':
                    // A line break cannot be carried in a name or tag: it would end the line.
                    _buffer[_length++] = Backslash;
                    _buffer[_length++] = (byte)' ';
                    break;
                default:
                    _buffer[_length++] = Backslash;
                    _buffer[_length++] = (byte)c;
                    break;
            }

            at += next + 1;
            rest = rest[(next + 1)..];
        }
    }

    /// <summary>True when a backslash at <paramref name="next"/> − 1 would be read as an escape of what follows.</summary>
    private static bool EndsEscape(string text, int next, bool escapeEquals) =>
        next >= text.Length || text[next] is ',' or ' ' or '\n' or '\r' || (escapeEquals && text[next] == '=');

    private void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
