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

    /// <summary>The cursor after an item sorted by a time and then its id.</summary>
    public static string Encode(DateTimeOffset at, string id) => Encode($"{at.ToUnixTimeMilliseconds()}:{id}");

    /// <summary>Reads a cursor of <see cref="Encode(DateTimeOffset, string)"/>: false when there is none.</summary>
    public static bool TryDecode(string? cursor, out long atMilliseconds, out string id)
    {
        atMilliseconds = 0;
        id = "";
        if (!TryDecode(cursor, out var key))
        {
            return false;
        }

        var separator = key.IndexOf(':');
        if (separator < 0 || !long.TryParse(key.AsSpan(0, separator), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out atMilliseconds))
        {
            throw new InvalidCursorException();
        }

        id = key[(separator + 1)..];
        return true;
    }

    /// <summary>
    /// For a cursor of <see cref="Encode(DateTimeOffset, string)"/>, adds the filter that keeps what comes after it in a list ordered by
    /// <paramref name="timeColumn"/> then <paramref name="idColumn"/>, both descending.
    /// </summary>
    public static void AddNewestFirstFilter(DbCommand command, List<string> filters, string? cursor, string timeColumn, string idColumn)
    {
        if (!TryDecode(cursor, out var time, out var id))
        {
            return;
        }

        filters.Add($"({timeColumn} < $afterTime OR ({timeColumn} = $afterTime AND {idColumn} < $afterId))");
        command.Add("$afterTime", time);
        command.Add("$afterId", id);
    }

    /// <summary>
    /// The page of <paramref name="rows"/> read with one row more than <paramref name="limit"/>: that extra row tells
    /// there is a next page, whose cursor follows the page's last item.
    /// </summary>
    public static Page<T> Paged<T>(List<T> rows, int limit, Func<T, string> cursorAfter) =>
        rows.Count <= limit ? new Page<T>(rows, null) : new Page<T>(rows[..limit], cursorAfter(rows[limit - 1]));

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
