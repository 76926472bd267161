using System.Globalization;
using System.Text.Json;
using Monitoring.Core.Series;

namespace Monitoring.Storage.Influx;

/// <summary>Reads the samples out of InfluxDB's answers: v1 JSON (<c>epoch=ms</c>) and v2 annotated CSV.</summary>
internal static class InfluxAnswers
{
    public static IReadOnlyList<SeriesSample> FromJson(JsonElement answer)
    {
        var samples = new List<SeriesSample>();
        foreach (var result in answer.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                if (error.GetString() is { } text && text.StartsWith("database not found", StringComparison.Ordinal))
                {
                    return samples; // nothing written yet
                }

                throw new InvalidOperationException($"InfluxDB refused the query: {error.GetString()}");
            }

            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var one in series.EnumerateArray())
            {
                foreach (var row in one.GetProperty("values").EnumerateArray())
                {
                    if (row[1].ValueKind == JsonValueKind.Number)
                    {
                        samples.Add(new SeriesSample(DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()), row[1].GetDouble()));
                    }
                }
            }
        }

        return samples;
    }

    /// <summary>Flux's annotated CSV: <c>#</c> lines are annotations, each table starts with a header row.</summary>
    public static IReadOnlyList<SeriesSample> FromCsv(string csv)
    {
        var samples = new List<SeriesSample>();
        int time = -1, value = -1;
        foreach (var raw in csv.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                time = value = -1;
                continue;
            }

            if (line[0] == '#')
            {
                continue;
            }

            var cells = line.Split(',');
            if (time < 0)
            {
                time = Array.IndexOf(cells, "_time");
                value = Array.IndexOf(cells, "_value");
                if (time < 0 || value < 0)
                {
                    throw new InvalidOperationException($"InfluxDB answered a table without _time and _value: {line}");
                }

                continue;
            }

            if (cells.Length > Math.Max(time, value)
                && DateTimeOffset.TryParse(cells[time], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                && double.TryParse(cells[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                samples.Add(new SeriesSample(at.ToUniversalTime(), v));
            }
        }

        return samples;
    }
}
