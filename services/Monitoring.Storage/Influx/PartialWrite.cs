using System.Text.RegularExpressions;

namespace Monitoring.Storage.Influx;

/// <summary>
/// How many lines of a request InfluxDB refused, from its 4xx error body. 1.x lists each unparsable line
/// (<c>unable to parse '…'</c>) and counts the points it dropped for other reasons (<c>dropped=N</c>); an error that
/// names neither refused the whole request.
/// </summary>
internal static partial class PartialWrite
{
    public static int RefusedLines(string body, int lines)
    {
        var refused = 0;
        foreach (Match match in Dropped().Matches(body))
        {
            refused += int.TryParse(match.Groups[1].ValueSpan, out var n) ? n : 0;
        }

        var index = 0;
        while ((index = body.IndexOf("unable to parse", index, StringComparison.Ordinal)) >= 0)
        {
            refused++;
            index += "unable to parse".Length;
        }

        return refused == 0 ? lines : Math.Min(refused, lines);
    }

    [GeneratedRegex(@"dropped=(\d+)")]
    private static partial Regex Dropped();
}
