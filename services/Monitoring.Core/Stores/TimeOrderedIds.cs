using System.Security.Cryptography;

namespace Monitoring.Core.Stores;

/// <summary>
/// Ids that sort by creation time: a prefix and a ULID (48-bit milliseconds, 80 random bits, Crockford base32).
/// </summary>
public static class TimeOrderedIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int UlidLength = 26;

    public static string New(string prefix, DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        var high = (ulong)bytes[0] << 56 | (ulong)bytes[1] << 48 | (ulong)bytes[2] << 40 | (ulong)bytes[3] << 32
            | (ulong)bytes[4] << 24 | (ulong)bytes[5] << 16 | (ulong)bytes[6] << 8 | bytes[7];
        var low = BitConverter.ToUInt64(bytes[8..]);
        Span<char> text = stackalloc char[prefix.Length + UlidLength];
        prefix.CopyTo(text);
        var value = new UInt128(high, low);
        for (var i = text.Length - 1; i >= prefix.Length; i--)
        {
            text[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(text);
    }
}
