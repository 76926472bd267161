using System.Buffers.Text;
using System.Text;
using Monitoring.Core.Stores;

namespace Monitoring.Storage;

/// <summary>Opaque list cursors: the sort key of the last item, base64url-encoded.</summary>
internal static class Cursor
{
    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    public static bool TryDecode(string? cursor, out string key)
    {
        key = "";
        if (string.IsNullOrEmpty(cursor))
        {
            return false;
        }

        try
        {
            key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return true;
        }
        catch (FormatException)
        {
            throw new InvalidCursorException();
        }
    }
}
