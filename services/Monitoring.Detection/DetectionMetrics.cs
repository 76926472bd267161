using System.Diagnostics.Metrics;

namespace Monitoring.Detection;

public sealed class DetectionMetrics
{
    public const string MeterName = "Monitoring.Detection";
    private readonly Histogram<double> _pass;
    private readonly Histogram<double> _delay;

    public DetectionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _pass = meter.CreateHistogram<double>("monitoring_detection_pass", unit: "s", description: "Time of each detection pass.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _delay = meter.CreateHistogram<double>("monitoring_detection_delay", unit: "s", description: "Time from a device's silence deadline to the pass that judged it offline.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 3, 4, 5, 6, 7.5, 10, 15, 30, 60] });
    }

    public void PassTook(TimeSpan elapsed) => _pass.Record(elapsed.TotalSeconds);

    /// <summary>How long after its silence deadline a device was judged offline: the pass period plus the pass's own time.</summary>
    public void JudgedLate(TimeSpan afterDeadline) => _delay.Record(Math.Max(0, afterDeadline.TotalSeconds));
}
