using System.Text;

namespace Monitoring.Core.Protocol;

/// <summary>
/// Interns metric names so a stream of heartbeats repeating the same few names does not allocate a string per reading.
/// Bounded: past the limit, names are allocated normally.
/// </summary>
internal sealed class MetricNameTable
{
    private const int Capacity = 4096;
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

            var name = Encoding.ASCII.GetString(utf8);
            if (_count < Capacity)
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
            return false;
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
