using System.Globalization;
using System.Text;

namespace Monitoring.Benchmarks.Harness;

/// <summary>The markdown fragment a harness run writes for bench.sh to assemble into BENCHMARKS.md.</summary>
internal sealed class Report
{
    private readonly StringBuilder _text = new();

    public void Heading(string text) => _text.AppendLine().AppendLine($"### {text}").AppendLine();

    public void Line(string text) => _text.AppendLine(text);

    public void Table(string[] header, IEnumerable<string[]> rows)
    {
        _text.AppendLine("| " + string.Join(" | ", header) + " |");
        _text.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows) _text.AppendLine("| " + string.Join(" | ", row) + " |");
        _text.AppendLine();
    }

    public void WriteTo(string? path)
    {
        Console.WriteLine(_text.ToString());
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, _text.ToString());
        }
    }

    public static string N(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Mb(long kb) => N(kb / 1024.0, "0") + " MB";
}
