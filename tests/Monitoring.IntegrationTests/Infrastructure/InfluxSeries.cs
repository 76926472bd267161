using System.Text.Json;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>One series of a <c>/query</c> answer: its measurement, tags and rows (column name to value).</summary>
public sealed record InfluxSeries(string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<Dictionary<string, JsonElement>> Rows);
