using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Monitoring.Core.Stores;
using Monitoring.Storage.Sqlite;

namespace Monitoring.Storage;

/// <summary>Opaque list cursors: the sort key of the last item, base64url-encoded.</summary>
internal static class Cursor
{
    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    /// <summary>The cursor after an item of a newest-first list ordered by time, then id.</summary>
    public static string NewestFirst(DateTimeOffset time, string id) => Encode($"{time.ToUnixTimeMilliseconds()}:{id}");

    /// <summary>
    /// For a <see cref="NewestFirst"/> cursor, adds the filter that keeps what comes after it in a list ordered by
    /// <paramref name="timeColumn"/> then <paramref name="idColumn"/>, both descending.
    /// </summary>
    public static void AddNewestFirstFilter(DbCommand command, List<string> filters, string? cursor, string timeColumn, string idColumn)
    {
        if (!TryDecode(cursor, out var after))
        {
            return;
        }

        var separator = after.IndexOf(':');
        if (separator < 0 || !long.TryParse(after.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var time))
        {
            throw new InvalidCursorException();
        }

        filters.Add($"({timeColumn} < $afterTime OR ({timeColumn} = $afterTime AND {idColumn} < $afterId))");
        command.Add("$afterTime", time);
        command.Add("$afterId", after[(separator + 1)..]);
    }

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
