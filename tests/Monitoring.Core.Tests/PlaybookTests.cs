using Monitoring.Core.Cases;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class PlaybookTests
{
    private const string Json = """
        {
          // comments are allowed: vendors annotate their playbooks
          "default": { "device_offline": ["{evidence}", "Call {customer} about {device} at {site}."] },
          "models": { "SN-10": { "device_offline": ["Replace the battery of {device} ({model} on {fw})."] } }
        }
        """;

    private readonly FleetScenario _fleet = new() { Context = new CaseContext { Playbook = Playbook.Parse(Json) } };

    [Fact]
    public void DefaultSteps_ExpandEvidenceAndPlaceholders()
    {
        _fleet.FallSilent("d1", new Heartbeat { Site = "site-17", Customer = "cust-9", Model = "HB-200", IntervalSeconds = 10 });
        _fleet.RunFor(TimeSpan.FromMinutes(1));

        var steps = Assert.Single(_fleet.Cases).SuggestedSteps;
        Assert.Equal("Call cust-9 about d1 at site-17.", steps[^1]);
        Assert.Contains(steps, s => s.StartsWith("Power-cycle d1", StringComparison.Ordinal));
    }

    [Fact]
    public void ModelSteps_ReplaceTheDefaultForThatModel()
    {
        _fleet.FallSilent("s1", new Heartbeat { Model = "SN-10", Firmware = "1.2", IntervalSeconds = 10 });
        _fleet.RunFor(TimeSpan.FromMinutes(1));

        Assert.Equal(["Replace the battery of s1 (SN-10 on 1.2)."], Assert.Single(_fleet.Cases).SuggestedSteps);
    }

    [Fact]
    public void KindWithoutSteps_KeepsTheEvidenceSteps()
    {
        var without = new FleetScenario { Context = new CaseContext { Playbook = Playbook.Parse("""{"default": {}}""") } };
        without.FallSilent("d1", new Heartbeat { IntervalSeconds = 10 });
        without.RunFor(TimeSpan.FromMinutes(1));

        Assert.Contains(Assert.Single(without.Cases).SuggestedSteps, s => s.StartsWith("Power-cycle d1", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_NameUnknownKindsAndEmptySteps()
    {
        var playbook = Playbook.Parse("""{"default": {"device_ofline": ["x"]}, "models": {"HB-200": {"flapping": []}}}""");

        var problems = playbook.Problems().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains("\"device_ofline\" is not a case kind", problems[0]);
        Assert.StartsWith("models.HB-200.flapping", problems[1]);
    }
}
