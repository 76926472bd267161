using System.Buffers;
using System.Text;
using System.Text.Json;
using Monitoring.Core.Protocol;

namespace Monitoring.Storage.Sqlite;

/// <summary>A device's latest metrics as a JSON object in one column. Reading shares each metric name's string across rows.</summary>
internal sealed class MetricsColumn
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public static object Write(IReadOnlyList<Metric> metrics)
    {
        if (metrics.Count == 0)
        {
            return DBNull.Value;
        }

        var buffer = new ArrayBufferWriter<byte>(32 * metrics.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var metric in metrics)
            {
                json.WriteNumber(metric.Name, metric.Value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public IReadOnlyList<Metric> Read(string? column)
    {
        if (column is null)
        {
            return [];
        }

        var metrics = new List<Metric>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(column));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!_names.TryGetValue(name, out var shared))
            {
                _names[name] = shared = name;
            }

            reader.Read();
            metrics.Add(new Metric(shared, reader.GetDouble()));
        }

        return metrics;
    }
}
