using System.Buffers;
using System.Text.Json;
using Monitoring.Core.Protocol;

namespace Monitoring.Simulator;

/// <summary>One simulated device: its identity and metrics that wander like a real link's.</summary>
internal sealed class SimulatedDevice(string tenant, string id, string site, string customer, string model, string firmware, int intervalSeconds, Random random)
{
    private long _sequence;
    private double _rssi = -55 - random.NextDouble() * 30;
    private double _latency = 10 + random.NextDouble() * 40;
    private double _loss = random.NextDouble();
    private readonly long _bootedAtSeconds = random.Next(0, 1_000_000);

    public string HeartbeatTopic { get; } = $"fleet/{tenant}/{id}/heartbeat";

    /// <summary>Writes a contract-v1 heartbeat into <paramref name="buffer"/>.</summary>
    public void WriteHeartbeat(ArrayBufferWriter<byte> buffer, DateTimeOffset now)
    {
        _rssi = Math.Clamp(_rssi + (random.NextDouble() - 0.5) * 2, -100, -30);
        _latency = Math.Clamp(_latency + (random.NextDouble() - 0.5) * 4, 1, 2000);
        _loss = Math.Clamp(_loss + (random.NextDouble() - 0.5) * 0.2, 0, 100);
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteNumber("v", 1);
        json.WriteString("ts", now);
        json.WriteNumber("seq", ++_sequence);
        json.WriteNumber("interval_s", intervalSeconds);
        json.WriteString("model", model);
        json.WriteString("fw", firmware);
        json.WriteString("site", site);
        json.WriteString("customer", customer);
        json.WriteNumber("uptime_s", _bootedAtSeconds + _sequence * intervalSeconds);
        json.WriteStartObject("metrics");
        json.WriteNumber(MetricNames.RssiDbm, Math.Round(_rssi, 1));
        json.WriteNumber(MetricNames.LatencyMs, Math.Round(_latency, 1));
        json.WriteNumber(MetricNames.LossPct, Math.Round(_loss, 2));
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
