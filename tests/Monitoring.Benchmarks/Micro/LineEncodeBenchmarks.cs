using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;
using Monitoring.Core.Series;

namespace Monitoring.Benchmarks.Micro;

/// <summary>
/// Encoding one write request's worth of heartbeats (1000 devices, 3 metrics and <c>up</c>, six tags, one of them
/// needing escapes) to line protocol: <see cref="LineProtocolBuffer"/> straight to pooled UTF-8, against the obvious
/// way — a string per point with <c>Replace</c> escapes, then UTF-8 bytes — as the baseline.
/// </summary>
[MemoryDiagnoser]
public class LineEncodeBenchmarks
{
    private const int Points = 1000;
    private readonly LineProtocolBuffer _buffer = new(256 * 1024);
    private DevicePoint[] _points = [];

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        _points = Enumerable.Range(0, Points)
            .Select(i => DevicePoint.Heartbeat(SyntheticFleet.Device("sim", i, DeviceState.Online, now, 30) with { Site = $"Site {i / 50}, Hall B" },
                [new Metric(MetricNames.RssiDbm, -61 - i % 30), new Metric(MetricNames.LatencyMs, 23.5 + i % 7), new Metric(MetricNames.LossPct, 0.4)],
                up: true, now.AddMilliseconds(i)))
            .ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _buffer.Dispose();

    [Benchmark(Baseline = true, Description = "string per point + Replace escapes + UTF-8, 1000 points")]
    public int StringConcatenation()
    {
        var bytes = 0;
        foreach (var p in _points)
        {
            var d = p.Device;
            var line = "device_metrics,tenant=" + Tag(d.Tenant) + ",device=" + Tag(d.Id) + ",site=" + Tag(d.Site!) + ",model=" + Tag(d.Model!)
                + ",fw=" + Tag(d.Firmware!) + ",kind=" + d.Kind.Name();
            var fields = new List<string>(p.Metrics.Count + 1);
            foreach (var m in p.Metrics)
            {
                fields.Add(Tag(m.Name) + "=" + m.Value.ToString("R", CultureInfo.InvariantCulture));
            }

            fields.Add("up=1i");
            line += " " + string.Join(",", fields) + " " + p.TimestampMs.ToString(CultureInfo.InvariantCulture) + "\n";
            bytes += Encoding.UTF8.GetBytes(line).Length;
        }

        return bytes;
    }

    [Benchmark(Description = "LineProtocolBuffer (pooled UTF-8), 1000 points")]
    public int PooledBuffer()
    {
        _buffer.Clear();
        foreach (var p in _points)
        {
            DeviceSeries.Write(_buffer, p);
        }

        return _buffer.Written.Length;
    }

    private static string Tag(string value) =>
        value.Replace(",", "\\,", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}
