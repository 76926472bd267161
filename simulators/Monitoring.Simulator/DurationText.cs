using System.CommandLine.Parsing;
using System.Globalization;

namespace Monitoring.Simulator;

/// <summary>Durations on the command line: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c> or a TimeSpan such as <c>00:05:00</c>.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        text = text.Trim();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number) && number >= 0)
            {
                value = TimeSpan.FromSeconds(number * seconds);
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }

    /// <summary>A System.CommandLine parser for one duration token.</summary>
    public static TimeSpan Parse(ArgumentResult result)
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (TryParse(token, out var value))
        {
            return value;
        }

        result.AddError($"'{token}' is not a duration (try 30s, 5m, 1h or 00:05:00)");
        return TimeSpan.Zero;
    }

    /// <summary>A System.CommandLine parser for a repeated duration option.</summary>
    public static List<TimeSpan> ParseMany(ArgumentResult result)
    {
        var values = new List<TimeSpan>();
        foreach (var token in result.Tokens)
        {
            if (TryParse(token.Value, out var value))
            {
                values.Add(value);
            }
            else
            {
                result.AddError($"'{token.Value}' is not a duration (try 30s, 5m, 1h or 00:05:00)");
            }
        }

        return values;
    }
}
