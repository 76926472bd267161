using System.Text;

namespace Monitoring.Core.Protocol;

/// <summary>
/// Interns short strings read from UTF-8 (metric names, models, firmware versions, sites), so a stream of heartbeats
/// repeating the same values does not allocate a string per message. Bounded: past its capacity, strings are made normally.
/// </summary>
public sealed class Utf8StringTable(int capacity)
{
    private readonly Dictionary<int, string[]> _byHash = new();
    private int _count;
    private readonly Lock _gate = new();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        var hash = HashOf(utf8);
        lock (_gate)
        {
            if (_byHash.TryGetValue(hash, out var bucket))
            {
                foreach (var candidate in bucket)
                {
                    if (Matches(candidate, utf8))
                    {
                        return candidate;
                    }
                }
            }

            var name = Encoding.UTF8.GetString(utf8);
            if (_count < capacity)
            {
                _byHash[hash] = bucket is null ? [name] : [.. bucket, name];
                _count++;
            }

            return name;
        }
    }

    private static int HashOf(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }

    private static bool Matches(string candidate, ReadOnlySpan<byte> utf8)
    {
        if (candidate.Length != utf8.Length)
        {
            // Only ASCII text has as many chars as bytes; other text is compared through its UTF-8 form.
            return Encoding.UTF8.GetByteCount(candidate) == utf8.Length && Encoding.UTF8.GetBytes(candidate).AsSpan().SequenceEqual(utf8);
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (candidate[i] != utf8[i])
            {
                return false;
            }
        }

        return true;
    }
}
