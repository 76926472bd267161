using System.Text;
using BenchmarkDotNet.Attributes;
using Monitoring.Core.Protocol;

namespace Monitoring.Benchmarks.Micro;

[MemoryDiagnoser]
public class DecodeBenchmarks
{
    /// <summary>The heartbeat example of CONTRACT §1, byte for byte.</summary>
    public const string ContractExample = """
        {
          "v": 1,
          "ts": "2026-11-22T18:00:00Z",
          "seq": 1234,
          "kind": "gateway",
          "interval_s": 30,
          "model": "HB-200",
          "fw": "2.4.1",
          "site": "site-17",
          "customer": "cust-9",
          "uptime_s": 86400,
          "metrics": { "rssi_dbm": -61, "latency_ms": 23.5, "loss_pct": 0.4, "battery_pct": 88 },
          "children": [
            { "id": "sensor-1", "online": true,  "metrics": { "rssi_dbm": -70, "battery_pct": 40 } },
            { "id": "sensor-2", "online": false }
          ]
        }
        """;

    private readonly HeartbeatDecoder _decoder = new(new ProtocolLimits());
    private readonly byte[] _example = Encoding.UTF8.GetBytes(ContractExample);
    private readonly byte[] _empty = "{}"u8.ToArray();

    [GlobalSetup]
    public void Setup()
    {
        if (!_decoder.Decode(_example).IsAccepted || !_decoder.Decode(_empty).IsAccepted)
        {
            throw new InvalidOperationException("the decoder refuses the contract's own examples");
        }
    }

    [Benchmark(Description = "Decode contract example (gateway, 4 metrics, 2 children)")]
    public Heartbeat? DecodeContractExample() => _decoder.Decode(_example).Value;

    [Benchmark(Description = "Decode {}")]
    public Heartbeat? DecodeEmpty() => _decoder.Decode(_empty).Value;
}
