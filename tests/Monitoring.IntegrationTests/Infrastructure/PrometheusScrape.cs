using System.Globalization;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// One scrape of <c>/metrics</c> in the Prometheus text format, e.g.
/// <c>monitoring_heartbeats_rejected_total{otel_scope_name="Monitoring.Ingestion",reason="json"} 1</c>.
/// </summary>
public sealed class PrometheusScrape
{
    private readonly List<Sample> _samples;

    private PrometheusScrape(List<Sample> samples, string text)
    {
        _samples = samples;
        Text = text;
    }

    public string Text { get; }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseLine(line));
        }

        return new PrometheusScrape(samples, text);
    }

    /// <summary>The sum over every series of <paramref name="name"/> whose labels include <paramref name="labels"/>; 0 when none.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels)
    {
        double total = 0;
        foreach (var sample in _samples)
        {
            if (sample.Name == name && labels.All(l => sample.Labels.TryGetValue(l.Label, out var v) && v == l.Value))
            {
                total += sample.Value;
            }
        }

        return total;
    }

    public bool Has(string name) => _samples.Any(s => s.Name == name);

    private static Sample ParseLine(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        string name;
        string rest;
        if (brace >= 0 && (space < 0 || brace < space))
        {
            name = line[..brace];
            var i = brace + 1;
            while (i < line.Length && line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var key = line[i..eq].Trim().TrimStart(',').Trim();
                i = eq + 2; // past ="
                var value = new System.Text.StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length)
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                labels[key] = value.ToString();
                i++; // past the closing quote
                if (i < line.Length && line[i] == ',')
                {
                    i++;
                }
            }

            rest = line[(i + 1)..].Trim();
        }
        else
        {
            name = line[..space];
            rest = line[(space + 1)..].Trim();
        }

        var valueText = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var parsed = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(name, labels, parsed);
    }

    private sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
