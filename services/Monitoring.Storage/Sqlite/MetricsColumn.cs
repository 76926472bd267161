using System.Buffers;
using System.Text.Json;
using Monitoring.Core.Protocol;

namespace Monitoring.Storage.Sqlite;

/// <summary>A device's latest metrics as a JSON object in one column. Reading shares each metric name's string across rows.</summary>
internal sealed class MetricsColumn
{
    private readonly Utf8StringTable _names = new(4096);
    private readonly List<Metric> _scratch = new(ProtocolLimits.MaxMetrics);

    /// <summary>Writes the metrics as UTF-8 JSON into <paramref name="json"/>, reset for this value; false when there are none.</summary>
    public static bool Write(IReadOnlyList<Metric> metrics, Utf8JsonWriter json)
    {
        if (metrics.Count == 0)
        {
            return false;
        }

        json.WriteStartObject();
        foreach (var metric in metrics)
        {
            json.WriteNumber(metric.Name, metric.Value);
        }

        json.WriteEndObject();
        json.Flush();
        return true;
    }

    public IReadOnlyList<Metric> Read(ReadOnlySpan<byte> column)
    {
        if (column.IsEmpty)
        {
            return [];
        }

        // Read into a scratch list and kept as an array of exactly their number: a million devices keep one each.
        var metrics = _scratch;
        metrics.Clear();
        var reader = new Utf8JsonReader(column);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.HasValueSequence || reader.ValueIsEscaped ? reader.GetString()! : _names.Get(reader.ValueSpan);
            reader.Read();
            metrics.Add(new Metric(name, reader.GetDouble()));
        }

        return metrics.Count == 0 ? [] : metrics.ToArray();
    }
}
