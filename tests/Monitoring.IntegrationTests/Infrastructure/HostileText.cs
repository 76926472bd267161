using System.Text;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// Random strings made to break line protocol: spaces, commas, equals signs, quotes, backslashes, line breaks,
/// unicode beyond the BMP, and now and then a long one. Seeded, so a failure repeats.
/// </summary>
public sealed class HostileText(int seed)
{
    private static readonly string[] Pieces =
    [
        " ", ",", "=", "\"", "'", "\\", "\\\\", "\n", "\t", "a", "Z", "7", "-", "_", ".", "#", "{", "}", "ü", "é", "日本", "🎉", "𝔘",
        "site 17", "Hall B, 2nd floor", "key=value", "C:\\Program Files\\", "say \"hi\"", "\\,", "\\ ", "\\=",
    ];

    private readonly Random _random = new(seed);

    public string Next(int maxPieces = 12)
    {
        var text = new StringBuilder();
        var count = _random.Next(1, maxPieces + 1);
        for (var i = 0; i < count; i++)
        {
            text.Append(Pieces[_random.Next(Pieces.Length)]);
        }

        if (_random.Next(10) == 0)
        {
            text.Append(new string('x', _random.Next(100, 600)));
        }

        return text.ToString();
    }

    public double NextDouble() => _random.Next(4) switch
    {
        0 => _random.Next(-120, 0),
        1 => Math.Round(_random.NextDouble() * 100, 3),
        2 => BitConverter.Int64BitsToDouble(_random.NextInt64()) is var d && double.IsFinite(d) ? d : 0.5,
        _ => (_random.NextDouble() - 0.5) * 1e12,
    };

    public long NextLong() => _random.NextInt64(long.MinValue, long.MaxValue);

    /// <summary>
    /// What InfluxDB 1.x gives back for a tag written through the encoder: everything as it was, except what line
    /// protocol cannot carry in a tag — a line break reads as a space, and a backslash that would escape what follows
    /// it (a comma, space, equals sign, line break, or the end) reads as U+29F5.
    /// </summary>
    public static string AsTagReadsBack(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var next = i + 1 < value.Length ? value[i + 1] : '\0';
            text.Append(c switch
            {
                '\n' or '\r' => " ",
                '\\' when i + 1 == value.Length || next is ',' or ' ' or '=' or '\n' or '\r' => "\u29F5",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
