using System.Collections.Concurrent;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Detection;

/// <summary>
/// Keeps the recent link readings (RSSI, loss, latency) of the devices whose link looked poor at least once, so the
/// degraded-connectivity rule can take medians over a whole window. A healthy device costs one threshold check per
/// heartbeat and no memory; a device is forgotten once it has been within bounds for two windows. Thread-safe:
/// ingestion observes, detection reads.
/// </summary>
public sealed class LinkQualityWatch
{
    private const int MaxSamples = 512;
    private readonly ConcurrentDictionary<DeviceKey, Samples> _watched = new();
    private readonly TimeSpan _window;
    private readonly DegradedThresholds _thresholds;

    public LinkQualityWatch(DetectionOptions options)
    {
        _window = options.DegradedWindow;
        _thresholds = new DegradedThresholds(options);
    }

    public int Watched => _watched.Count;

    public LinkThresholds ThresholdsOf(string? model) => _thresholds.Of(model);

    /// <summary>Takes one heartbeat's readings.</summary>
    public void Observe(DeviceRecord device, IReadOnlyList<Metric> metrics, DateTimeOffset at)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        double? rssi = null, loss = null, latency = null;
        foreach (var metric in metrics)
        {
            switch (metric.Name)
            {
                case MetricNames.RssiDbm: rssi = metric.Value; break;
                case MetricNames.LossPct: loss = metric.Value; break;
                case MetricNames.LatencyMs: latency = metric.Value; break;
            }
        }

        if (rssi is null && loss is null && latency is null)
        {
            return;
        }

        var breached = ThresholdsOf(device.Model).Breached(rssi, loss, latency);
        if (!_watched.TryGetValue(device.Key, out var samples))
        {
            if (!breached)
            {
                return;
            }

            samples = _watched.GetOrAdd(device.Key, _ => new Samples(at));
        }

        samples.Add(new Reading(at, rssi, loss, latency), breached, _window);
    }

    /// <summary>
    /// The medians of every watched device over the last window, for those watched for a whole window; devices within
    /// bounds for two windows are forgotten.
    /// </summary>
    public List<LinkVerdict> Judge(DateTimeOffset now)
    {
        var verdicts = new List<LinkVerdict>();
        foreach (var (key, samples) in _watched)
        {
            var (since, lastBreach, window) = samples.Read(now - _window);
            if (now - lastBreach > 2 * _window)
            {
                _watched.TryRemove(key, out _);
                continue;
            }

            if (now - since < _window || window.Count == 0)
            {
                continue;
            }

            verdicts.Add(new LinkVerdict(key, Median(window, r => r.Rssi), Median(window, r => r.Loss), Median(window, r => r.Latency), window.Count));
        }

        return verdicts;
    }

    private static double? Median(List<Reading> window, Func<Reading, double?> pick)
    {
        var values = window.Select(pick).OfType<double>().Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private readonly record struct Reading(DateTimeOffset At, double? Rssi, double? Loss, double? Latency);

    private sealed class Samples(DateTimeOffset since)
    {
        private readonly Lock _gate = new();
        private readonly Queue<Reading> _readings = new();
        private readonly DateTimeOffset _since = since;
        private DateTimeOffset _lastBreach = since;

        public void Add(Reading reading, bool breached, TimeSpan window)
        {
            lock (_gate)
            {
                _readings.Enqueue(reading);
                while (_readings.Count > MaxSamples || (_readings.Count > 0 && reading.At - _readings.Peek().At > window))
                {
                    _readings.Dequeue();
                }

                if (breached)
                {
                    _lastBreach = reading.At;
                }
            }
        }

        public (DateTimeOffset Since, DateTimeOffset LastBreach, List<Reading> Window) Read(DateTimeOffset from)
        {
            lock (_gate)
            {
                return (_since, _lastBreach, [.. _readings.Where(r => r.At >= from)]);
            }
        }
    }
}

/// <summary>A watched device's median readings over the last whole window.</summary>
public sealed record LinkVerdict(DeviceKey Device, double? RssiDbm, double? LossPct, double? LatencyMs, int Samples);
