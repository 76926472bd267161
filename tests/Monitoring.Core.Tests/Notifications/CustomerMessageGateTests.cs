using Microsoft.Extensions.Time.Testing;
using Monitoring.Core.Customers;
using Monitoring.Core.Notifications;
using static Monitoring.Core.Tests.Notifications.NotificationGiven;

namespace Monitoring.Core.Tests.Notifications;

public sealed class CustomerMessageGateTests
{
    private static readonly CustomerLimit Limit = new(3, TimeSpan.FromMinutes(15));
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(Given.T0); // 18:00 UTC, 19:00 in Berlin

    [Fact]
    public void Decide_NothingInTheWay_SendsEachMessageOnItsOwn()
    {
        var decision = CustomerMessageGate.Decide([Row("a"), Row("b")], Customer(), false, [], Limit, Recheck, _time.GetUtcNow());

        Assert.Null(decision.HoldUntil);
        Assert.Equal([["a"], ["b"]], decision.Sends.Select(s => s.Select(d => d.Id)));
    }

    [Fact]
    public void Decide_FleetIncidentOpen_HoldsEverythingAndLooksAgainSoon_ThenSendsOnceItIsOver()
    {
        var due = new[] { Row("a"), Row("b", NotificationEvent.CaseResolved) };

        var held = CustomerMessageGate.Decide(due, Customer(), true, [], Limit, Recheck, _time.GetUtcNow());
        _time.Advance(Recheck);
        var released = CustomerMessageGate.Decide(due, Customer(), false, [], Limit, Recheck, _time.GetUtcNow());

        Assert.Empty(held.Sends);
        Assert.Equal(Given.T0 + Recheck, held.HoldUntil);
        Assert.Equal(CustomerMessageGate.FleetIncidentHold, held.HoldReason);
        Assert.Equal(2, released.Sends.Count);
    }

    [Fact]
    public void Decide_InQuietHoursOfANonUtcZone_HoldsUntilTheyEndThenSends()
    {
        var customer = Customer(quiet: new QuietHours("18:30", "20:00", "Europe/Berlin"));

        var held = CustomerMessageGate.Decide([Row("a")], customer, false, [], Limit, Recheck, _time.GetUtcNow());
        _time.SetUtcNow(held.HoldUntil!.Value);
        var after = CustomerMessageGate.Decide([Row("a")], customer, false, [], Limit, Recheck, _time.GetUtcNow());

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 19, 0, 0, TimeSpan.Zero), held.HoldUntil);
        Assert.Equal(CustomerMessageGate.QuietHoursHold, held.HoldReason);
        Assert.Equal([["a"]], after.Sends.Select(s => s.Select(d => d.Id)));
    }

    [Fact]
    public void Decide_BurstBeyondTheLimit_IsFoldedIntoOneDigest()
    {
        var burst = Enumerable.Range(0, 6).Select(i => Row($"m{i}")).ToList();

        var decision = CustomerMessageGate.Decide(burst, Customer(), false, [_time.GetUtcNow().AddMinutes(-5)], Limit, Recheck, _time.GetUtcNow());

        var digest = Assert.Single(decision.Sends);
        Assert.Equal(burst.Select(d => d.Id), digest.Select(d => d.Id));
    }

    [Fact]
    public void Decide_LimitUsedUp_HoldsUntilTheOldestMessageLeavesTheWindow()
    {
        var now = _time.GetUtcNow();
        var sent = new[] { now.AddMinutes(-14), now.AddMinutes(-10), now.AddMinutes(-1) };

        var held = CustomerMessageGate.Decide([Row("a")], Customer(), false, sent, Limit, Recheck, now);
        _time.SetUtcNow(held.HoldUntil!.Value);
        var later = CustomerMessageGate.Decide([Row("a"), Row("b")], Customer(), false, sent, Limit, Recheck, _time.GetUtcNow());

        Assert.Equal(now.AddMinutes(1), held.HoldUntil);
        Assert.Equal(CustomerMessageGate.LimitHold, held.HoldReason);
        Assert.Equal([["a", "b"]], later.Sends.Select(s => s.Select(d => d.Id)));
    }

    [Fact]
    public void Decide_MessagesOutsideTheWindow_DoNotCount()
    {
        var now = _time.GetUtcNow();
        var old = new[] { now.AddMinutes(-40), now.AddMinutes(-30), now.AddMinutes(-20) };

        var decision = CustomerMessageGate.Decide([Row("a")], Customer(), false, old, Limit, Recheck, now);

        Assert.Equal([["a"]], decision.Sends.Select(s => s.Select(d => d.Id)));
    }
}
