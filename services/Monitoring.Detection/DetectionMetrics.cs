using System.Diagnostics.Metrics;

namespace Monitoring.Detection;

public sealed class DetectionMetrics
{
    public const string MeterName = "Monitoring.Detection";
    private readonly Histogram<double> _pass;

    public DetectionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _pass = meter.CreateHistogram<double>("monitoring_detection_pass", unit: "s", description: "Time of each detection pass.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void PassTook(TimeSpan elapsed) => _pass.Record(elapsed.TotalSeconds);
}
