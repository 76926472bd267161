using System.Text.Json;

namespace Monitoring.Simulator;

/// <summary>Appends ground-truth lines to the truth file as faults happen, flushed at once so a crashed run keeps them.</summary>
internal sealed class TruthLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    public TruthLog(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        _writer = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public int Written { get; private set; }

    public void Write(TruthRecord record)
    {
        var line = JsonSerializer.Serialize(record, TruthJson.Options);
        lock (_lock)
        {
            _writer.WriteLine(line);
            Written++;
        }
    }

    public static IReadOnlyList<TruthRecord> Read(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<TruthRecord>(l, TruthJson.Options)
                ?? throw new InvalidDataException($"an empty truth line in {path}"))
            .ToArray();

    public void Dispose() => _writer.Dispose();
}
