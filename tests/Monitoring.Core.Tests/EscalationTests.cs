using Monitoring.Core.Cases;

namespace Monitoring.Core.Tests;

public sealed class EscalationTests
{
    private static readonly TimeSpan After = TimeSpan.FromMinutes(30);
    private readonly FleetScenario _fleet = new() { Context = new CaseContext { EscalateAfter = After } };

    [Fact]
    public void OpenUnacknowledgedPastEscalateAfter_EscalatedOnceWithHigherSeverity()
    {
        _fleet.FallSilent("d1");
        _fleet.RunFor(TimeSpan.FromMinutes(1));
        var opened = Assert.Single(_fleet.Cases);

        _fleet.RunFor(After + TimeSpan.FromMinutes(10));

        var escalated = Assert.Single(_fleet.Cases);
        Assert.Equal((CaseSeverity.Minor, CaseSeverity.Major), (opened.Severity, escalated.Severity));
        Assert.Single(escalated.Timeline, e => e.Event == TimelineEntry.Escalated);
    }

    [Fact]
    public void Acknowledged_NeverEscalated()
    {
        _fleet.FallSilent("d1");
        _fleet.RunFor(TimeSpan.FromMinutes(1));
        _fleet.Cases[0] = _fleet.Cases[0] with { Status = CaseStatus.Acknowledged, AcknowledgedAt = _fleet.Now };

        _fleet.RunFor(After * 2);

        Assert.DoesNotContain(Assert.Single(_fleet.Cases).Timeline, e => e.Event == TimelineEntry.Escalated);
    }
}
