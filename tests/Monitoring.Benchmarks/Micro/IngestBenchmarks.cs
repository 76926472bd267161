using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitoring.Core.Detection;
using Monitoring.Core.Devices;
using Monitoring.Ingestion;

namespace Monitoring.Benchmarks.Micro;

/// <summary>
/// <see cref="HeartbeatIngestor.Ingest"/> as the MQTT worker calls it: topic parse, decode, compare-and-swap state update on a
/// fleet of 100k known devices, journal record. One invocation is a batch of 2000 messages to distinct devices followed by the
/// journal flush (into memory), so the figure per operation is per message with the batch flush amortised.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private const int FleetSize = 100_000;
    private const int Batch = 2000;
    private readonly string[] _topics = new string[FleetSize];
    private byte[][] _payloads = [];
    private ServiceProvider? _services;
    private HeartbeatIngestor? _ingestor;
    private InMemoryDeviceJournal? _journal;
    private readonly InMemorySeriesRecorder _series = new();
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        var fleet = new LiveFleet();
        for (var i = 0; i < FleetSize; i++)
        {
            fleet.Load(SyntheticFleet.Device("sim", i, DeviceState.Online, now, 30));
            _topics[i] = $"fleet/sim/{SyntheticFleet.Id(i)}/heartbeat";
        }

        // 64 distinct payloads shaped like the simulator's (3 metrics, registry fields), so the decoder's string table is warm
        // as it is in production, where model, fw, site and customer repeat.
        _payloads = Enumerable.Range(0, 64).Select(i => SimulatorPayload(i, now)).ToArray();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _journal = new InMemoryDeviceJournal(fleet);
        _ingestor = new HeartbeatIngestor(
            Options.Create(new MqttOptions()), Options.Create(new DetectionOptions()), fleet, _journal,
            new IngestionMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), TimeProvider.System),
            new RejectionLog(NullLogger<RejectionLog>.Instance, TimeProvider.System), new LinkQualityWatch(new DetectionOptions()),
            _series, Options.Create(new IngestionOptions()));
        if (!_ingestor.Ingest(_topics[0], _payloads[0], false, now))
        {
            throw new InvalidOperationException("the ingestor refuses the simulator's heartbeat");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [Benchmark(OperationsPerInvoke = Batch, Description = "Ingest heartbeat (100k-device fleet, batch 2000 + in-memory flush)")]
    public async Task IngestBatch()
    {
        var receivedAt = DateTimeOffset.UtcNow;
        for (var i = 0; i < Batch; i++)
        {
            var n = _next;
            _next = n + 1 == FleetSize ? 0 : n + 1;
            _ingestor!.Ingest(_topics[n], _payloads[n & 63], false, receivedAt);
        }

        await _journal!.FlushAsync(CancellationToken.None);
        await _series.FlushAsync(CancellationToken.None);
    }

    internal static byte[] SimulatorPayload(int i, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("ts", now);
            json.WriteNumber("seq", 1000 + i);
            json.WriteNumber("interval_s", 30);
            json.WriteString("model", i % 3 == 0 ? "HB-200" : "SN-10");
            json.WriteString("fw", "2.4.1");
            json.WriteString("site", $"site-{i / 50:D5}");
            json.WriteString("customer", $"cust-{i / 10:D6}");
            json.WriteNumber("uptime_s", 86_400 + i * 30);
            json.WriteStartObject("metrics");
            json.WriteNumber("rssi_dbm", -61.5 - i % 20);
            json.WriteNumber("latency_ms", 23.5 + i % 7);
            json.WriteNumber("loss_pct", 0.4);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
