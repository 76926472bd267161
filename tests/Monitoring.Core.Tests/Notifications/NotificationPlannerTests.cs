using Monitoring.Core.Cases;
using Monitoring.Core.Customers;
using Monitoring.Core.Notifications;
using static Monitoring.Core.Tests.Notifications.NotificationGiven;

namespace Monitoring.Core.Tests.Notifications;

public sealed class NotificationPlannerTests
{
    private static readonly DateTimeOffset Now = Given.T0.AddMinutes(4);

    [Fact]
    public void Plan_CaseOpensForFreeCustomer_TellsEveryTicketSystemAndTheEmailContactOnly()
    {
        var opened = OpenCase();

        var messages = NotificationPlanner.Plan(null, opened, Customer(), Tickets, Now);

        Assert.Equal(
            [("ticket", "jira", "case.opened"), ("ticket", "zendesk", "case.opened"), ("email", "ada@bakery.example", "case.opened")],
            messages.Select(m => (m.Channel, m.Destination, m.Event)));
        Assert.All(messages, m => Assert.Equal(opened.Id, m.Case.Id));
        Assert.Equal("cust-9", messages.Single(m => m.Channel == "email").Customer);
        Assert.Equal(messages.Count, messages.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public void Plan_CaseOpensForPremiumCustomer_AlsoPostsToTheCustomersWebhook()
    {
        var messages = NotificationPlanner.Plan(null, OpenCase(), Customer(CustomerTier.Premium), Tickets, Now);

        Assert.Contains(messages, m => m.Channel == "webhook" && m.Destination == "https://hooks.bakery.example/monitoring" && m.Event == "case.opened");
        Assert.Contains(messages, m => m.Channel == "email");
    }

    [Fact]
    public void Plan_FleetIncidentOpens_GoesToTicketsOnly()
    {
        var messages = NotificationPlanner.Plan(null, OpenCase("fleet", kind: CaseKind.FleetIncident), Customer(), Tickets, Now);

        Assert.Equal(["ticket", "ticket"], messages.Select(m => m.Channel));
    }

    [Fact]
    public void Plan_CaseOfAnotherCustomer_TellsNoCustomer()
    {
        var messages = NotificationPlanner.Plan(null, OpenCase(customer: "cust-1"), Customer(), Tickets, Now);

        Assert.All(messages, m => Assert.Equal("ticket", m.Channel));
    }

    [Fact]
    public void Plan_Acknowledged_IsACaseUpdateForTicketsAndNothingForTheCustomer()
    {
        var before = OpenCase();
        var after = before.Append(new TimelineEntry(Now, TimelineEntry.Acknowledged, "acknowledged by sam")) with { Status = CaseStatus.Acknowledged };

        var messages = NotificationPlanner.Plan(before, after, Customer(), Tickets, Now);

        Assert.Equal([("ticket", "case.updated"), ("ticket", "case.updated")], messages.Select(m => (m.Channel, m.Event)));
    }

    [Theory]
    [InlineData("note")]
    [InlineData("severity")]
    [InlineData("devices")]
    [InlineData("escalated")]
    public void Plan_NoteSeverityDevicesOrEscalation_IsACaseUpdate(string change)
    {
        var before = OpenCase();
        var after = change switch
        {
            "note" => before.Append(new TimelineEntry(Now, TimelineEntry.Note, "called the customer")),
            "escalated" => before.Append(new TimelineEntry(Now, TimelineEntry.Escalated, "down for over an hour")),
            "severity" => before with { Severity = CaseSeverity.Major },
            _ => before with { Devices = ["hb-1", "hb-2"] },
        };

        Assert.Equal("case.updated", NotificationPlanner.TicketEvent(before, after));
    }

    [Fact]
    public void Plan_OnlyADeviceEventOnTheTimeline_SendsNothing()
    {
        var before = OpenCase();
        var after = before.Append(new TimelineEntry(Now, TimelineEntry.DeviceOnline, "hb-1 is back", "hb-1"));

        Assert.Empty(NotificationPlanner.Plan(before, after, Customer(CustomerTier.Premium), Tickets, Now));
    }

    [Fact]
    public void Plan_CaseResolves_TellsTicketsAndEveryReachableContact()
    {
        var before = OpenCase();
        var after = before with { Status = CaseStatus.Resolved, ResolvedAt = Now, Resolution = CaseResolution.AutoRecovered };

        var messages = NotificationPlanner.Plan(before, after, Customer(CustomerTier.Premium), Tickets, Now);

        Assert.Equal(4, messages.Count);
        Assert.All(messages, m => Assert.Equal("case.resolved", m.Event));
        Assert.Equal(CaseStatus.Resolved, messages[0].Case.Status);
    }

    [Fact]
    public void Plan_CaseMergedIntoALargerOne_SendsNoCustomerFollowUp()
    {
        var before = OpenCase();
        var after = before with { Status = CaseStatus.Resolved, ResolvedAt = Now, Resolution = CaseResolution.Merged };

        var messages = NotificationPlanner.Plan(before, after, Customer(), Tickets, Now);

        Assert.Equal(["ticket", "ticket"], messages.Select(m => m.Channel));
    }

    [Fact]
    public void Plan_SameChangePlannedTwice_NamesTheSameDeliveries()
    {
        var before = OpenCase();
        var after = before with { Severity = CaseSeverity.Critical };

        var first = NotificationPlanner.Plan(before, after, Customer(), Tickets, Now).Select(m => m.Id);
        var again = NotificationPlanner.Plan(before, after, Customer(), Tickets, Now.AddSeconds(3)).Select(m => m.Id);
        var opened = NotificationPlanner.Plan(null, before, Customer(), Tickets, Now).Select(m => m.Id);

        Assert.Equal(first, again);
        Assert.Empty(first.Intersect(opened));
        Assert.All(first, id => Assert.Matches("^n_[0-9a-z]{26}$", id));
    }
}
