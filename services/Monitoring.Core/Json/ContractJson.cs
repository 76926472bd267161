using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitoring.Core.Json;

/// <summary>The JSON conventions of the public contract: camelCase names, UTC timestamps, nulls written.</summary>
public static class ContractJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new UtcTimestampConverter());
        return options;
    }
}
