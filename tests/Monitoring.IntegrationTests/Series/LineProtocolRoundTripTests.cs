using System.Net.Http.Headers;
using Monitoring.Core.Series;
using Monitoring.IntegrationTests.Deps;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Series;

/// <summary>
/// The line-protocol encoder against the real InfluxDB 1.6: many random hostile names and values written, then read
/// back through <c>/query</c> exactly as they were.
/// </summary>
public sealed class LineProtocolRoundTripTests
{
    private const int Points = 400;

    [Fact]
    public async Task HostileTagsAndFields_ReadBackThroughQuery_ExactlyAsWritten()
    {
        var (host, port) = LocalDeps.InfluxDb();
        using var influx = new InfluxQuery(new Uri($"http://{host}:{port}/"));
        var database = UniqueId.New("rt").Replace('-', '_');
        var text = new HostileText(seed: 20261122);
        const string measurement = "round trip, m=1";
        const string tagKey = "tag key, =x";
        const string fieldKey = "field key, =\"y\"";
        var written = new List<(string Index, string Tag, string Other, string Text, double Float, long Integer, long At)>();
        using var lines = new LineProtocolBuffer(1024);
        for (var i = 0; i < Points; i++)
        {
            var point = (Index: i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), Tag: text.Next(), Other: text.Next(),
                Text: text.Next(20), Float: text.NextDouble(), Integer: text.NextLong(), At: 1_700_000_000_000L + i);
            written.Add(point);
            lines.Begin(measurement).Tag("idx", point.Index).Tag(tagKey, point.Tag).Tag("other", point.Other)
                .Field(fieldKey, point.Text).Field("float", point.Float).Field("integer", point.Integer).End(point.At);
        }

        var body = new ByteArrayContent(lines.Written.ToArray());
        body.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await influx.WriteAsync(database, body);

        var series = await influx.SelectAsync(database, $"SELECT * FROM \"{measurement.Replace("\"", "\\\"", StringComparison.Ordinal)}\" GROUP BY *");
        Assert.Equal(Points, series.Sum(s => s.Rows.Count));
        var read = series.ToDictionary(s => s.Tags["idx"]);
        foreach (var point in written)
        {
            var one = read[point.Index];
            Assert.Equal(measurement, one.Name);
            Assert.Equal(HostileText.AsTagReadsBack(point.Tag), one.Tags[tagKey]);
            Assert.Equal(HostileText.AsTagReadsBack(point.Other), one.Tags["other"]);
            var row = Assert.Single(one.Rows);
            Assert.Equal(point.At, row["time"].GetInt64());
            Assert.Equal(point.Text, row[fieldKey].GetString());
            Assert.Equal(point.Float, row["float"].GetDouble());
            Assert.Equal(point.Integer, row["integer"].GetInt64());
        }
    }
}
