using System.Buffers;
using System.Text.Json;
using Monitoring.Core.Protocol;

namespace Monitoring.Simulator;

/// <summary>Writes a publisher's contract-v1 heartbeat, a gateway's with its children.</summary>
internal static class HeartbeatWriter
{
    public static void Write(FleetDevice publisher, ArrayBufferWriter<byte> buffer, DateTimeOffset now)
    {
        publisher.Link.Step();
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteNumber("v", 1);
        json.WriteString("ts", now.UtcDateTime);
        json.WriteNumber("seq", ++publisher.Sequence);
        json.WriteString("kind", publisher.Kind);
        json.WriteNumber("interval_s", (int)publisher.Interval.TotalSeconds);
        json.WriteString("model", publisher.Model.Name);
        json.WriteString("fw", publisher.Firmware);
        json.WriteString("site", publisher.Site.Id);
        json.WriteString("customer", publisher.Site.Customer.Id);
        json.WriteNumber("uptime_s", publisher.BootedAtSeconds + publisher.Sequence * (long)publisher.Interval.TotalSeconds);
        WriteMetrics(json, publisher.Link, withLatency: true);
        if (publisher.IsGateway)
        {
            json.WriteStartArray("children");
            foreach (var child in publisher.Children)
            {
                json.WriteStartObject();
                json.WriteString("id", child.Id);
                json.WriteBoolean("online", !child.ReportedDown);
                if (!child.ReportedDown)
                {
                    child.Link.Step();
                    WriteMetrics(json, child.Link, withLatency: false);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter json, LinkWalk link, bool withLatency)
    {
        json.WriteStartObject("metrics");
        json.WriteNumber(MetricNames.RssiDbm, Math.Round(link.Rssi, 1));
        if (withLatency)
        {
            json.WriteNumber(MetricNames.LatencyMs, Math.Round(link.Latency, 1));
            json.WriteNumber(MetricNames.LossPct, Math.Round(link.Loss, 2));
        }

        if (!double.IsNaN(link.Battery))
        {
            json.WriteNumber(MetricNames.BatteryPct, Math.Round(link.Battery, 1));
        }

        json.WriteEndObject();
    }
}
