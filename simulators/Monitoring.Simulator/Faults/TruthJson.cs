using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitoring.Simulator;

/// <summary>The JSON shape of the truth file, the verify report and the server's answers: camelCase, UTC instants.</summary>
internal static class TruthJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new UtcTimestampConverter() },
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
