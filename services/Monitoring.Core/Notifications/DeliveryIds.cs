using System.Security.Cryptography;
using System.Text;

namespace Monitoring.Core.Notifications;

/// <summary>
/// Delivery ids: <c>n_</c> and 26 base32 characters of a SHA-256 over the case, the case version the change wrote,
/// the channel and the destination, so one change planned twice (a retried transaction) names the same delivery.
/// </summary>
public static class DeliveryIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string For(string caseId, long version, string channel, string destination)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{caseId}\n{version}\n{channel}\n{destination}"), hash);
        Span<char> text = stackalloc char[28];
        text[0] = 'n';
        text[1] = '_';
        var bits = 0;
        var buffer = 0;
        var next = 0;
        for (var i = 2; i < text.Length; i++)
        {
            if (bits < 5)
            {
                buffer = (buffer << 8) | hash[next++];
                bits += 8;
            }

            bits -= 5;
            text[i] = Alphabet[(buffer >> bits) & 31];
        }

        return new string(text);
    }
}
