using Microsoft.Extensions.Time.Testing;
using Monitoring.Core.Cases;
using Monitoring.Core.Stores;

namespace Monitoring.Core.Tests;

public sealed class SupportFiguresTests
{
    private static readonly DateTimeOffset From = Given.T0;
    private static readonly DateTimeOffset To = Given.T0.AddDays(7);
    private readonly FakeTimeProvider _time = new(Given.T0.AddDays(8));
    private readonly List<SupportCase> _cases = [];
    private readonly List<SupportContact> _contacts = [];

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void Compute_NothingInRange_LeavesEveryFigureNullAndCountsZero()
    {
        Outage("before", From.AddTicks(-1), detectAfter: 10);

        var figures = Compute();

        Assert.Null(figures.MeanTimeToDetectSeconds);
        Assert.Null(figures.DetectedBeforeContactRatio);
        Assert.Null(figures.AutoRecoveredRatio);
        Assert.Null(figures.MeanTimeToResolveSeconds);
        Assert.Equal(0, figures.Outages);
        Assert.Equal(0, figures.Contacts);
        Assert.Equal(CaseKind.All.Order(), figures.CasesOpened.Keys.Order());
        Assert.All(figures.CasesOpened.Values, n => Assert.Equal(0, n));
        Assert.Equal(From, figures.From);
        Assert.Equal(To, figures.To);
    }

    [Fact]
    public void Compute_MeanTimeToDetect_IsTheMeanOfOpenedMinusOutageStart()
    {
        Outage("a", From.AddHours(1), detectAfter: 10);
        Outage("b", From.AddHours(2), detectAfter: 30);

        var figures = Compute();

        Assert.Equal(20, figures.MeanTimeToDetectSeconds);
        Assert.Equal(2, figures.Outages);
        Assert.Null(figures.DetectedBeforeContactRatio);
    }

    [Fact]
    public void Compute_RangeIncludesOutagesStartingAtFrom_AndExcludesThoseStartingAtTo()
    {
        Outage("at-from", From, detectAfter: 5);
        Outage("at-to", To, detectAfter: 500);
        Outage("just-before-to", To.AddTicks(-1), detectAfter: 15);

        var figures = Compute();

        Assert.Equal(2, figures.Outages);
        Assert.Equal(10, figures.MeanTimeToDetectSeconds);
        Assert.Equal(2, figures.CasesOpened[CaseKind.DeviceOffline]);
    }

    [Fact]
    public void Compute_ContactAfterTheCaseOpened_CountsAsDetectedBeforeContact_AndOneBeforeDoesNot()
    {
        var early = Outage("d1", From.AddHours(1), detectAfter: 60);
        var late = Outage("d2", From.AddHours(2), detectAfter: 60);
        Contact(device: "d1", at: early.OpenedAt);
        Contact(device: "d2", at: late.OpenedAt.AddSeconds(-1));

        Assert.Equal(0.5, Compute().DetectedBeforeContactRatio);
    }

    [Fact]
    public void Compute_CaseWithSeveralContacts_IsJudgedByItsFirstContact()
    {
        var outage = Outage("d1", From.AddHours(1), detectAfter: 60);
        Contact(device: "d1", at: outage.OpenedAt.AddMinutes(5));
        Contact(device: "d1", at: outage.OpenedAt.AddSeconds(-30));

        Assert.Equal(0, Compute().DetectedBeforeContactRatio);
    }

    [Fact]
    public void Compute_ContactNamingOnlyTheCustomer_BelongsToThatCustomersCase()
    {
        var outage = Outage("d1", From.AddHours(1), detectAfter: 60, customer: "cust-9");
        Contact(customer: "cust-9", at: outage.OpenedAt.AddSeconds(-1));

        Assert.Equal(0, Compute().DetectedBeforeContactRatio);
    }

    [Fact]
    public void Compute_ContactNamingAnotherDevice_DoesNotBelong_EvenForTheSameCustomer()
    {
        var outage = Outage("d1", From.AddHours(1), detectAfter: 60, customer: "cust-9");
        Contact(customer: "cust-9", device: "d2", at: outage.OpenedAt.AddSeconds(-1));
        Contact(customer: "cust-8", at: outage.OpenedAt.AddSeconds(-1));

        Assert.Null(Compute().DetectedBeforeContactRatio);
    }

    [Fact]
    public void Compute_ContactNamingAnyDeviceOfASiteCase_Belongs()
    {
        var site = Outage("site-17", From.AddHours(1), detectAfter: 60, kind: CaseKind.SiteOutage, devices: ["gw-1", "d1", "d2"]);
        Contact(device: "d2", at: site.OpenedAt.AddSeconds(10));

        Assert.Equal(1, Compute().DetectedBeforeContactRatio);
    }

    [Fact]
    public void Compute_ContactsBeforeTheOutageOrAfterItsResolution_DoNotBelong()
    {
        var outage = Outage("d1", From.AddHours(1), detectAfter: 60, resolvedAfter: 600);
        Contact(device: "d1", at: outage.OutageStartedAt.AddTicks(-1));
        Contact(device: "d1", at: outage.ResolvedAt!.Value.AddTicks(1));

        Assert.Null(Compute().DetectedBeforeContactRatio);
    }

    [Fact]
    public void Compute_ContactsAtTheOutageStartAndAtItsResolution_Belong()
    {
        var first = Outage("d1", From.AddHours(1), detectAfter: 60, resolvedAfter: 600);
        var second = Outage("d2", From.AddHours(2), detectAfter: 60, resolvedAfter: 600);
        Contact(device: "d1", at: first.OutageStartedAt);
        Contact(device: "d2", at: second.ResolvedAt!.Value);

        Assert.Equal(0.5, Compute().DetectedBeforeContactRatio);
    }

    [Fact]
    public void Compute_UnresolvedCase_TakesContactsUpToNow()
    {
        Outage("d1", To.AddHours(-1), detectAfter: 60);
        Contact(device: "d1", at: Now.AddHours(1));

        Assert.Null(Compute().DetectedBeforeContactRatio);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, Compute().DetectedBeforeContactRatio);
    }

    [Fact]
    public void Compute_AutoRecoveredRatioAndTimeToResolve_CountResolvedCasesOnly()
    {
        Outage("a", From.AddHours(1), detectAfter: 10, resolvedAfter: 100, resolution: CaseResolution.AutoRecovered);
        Outage("b", From.AddHours(2), detectAfter: 10, resolvedAfter: 200, resolution: CaseResolution.AutoRecovered);
        Outage("c", From.AddHours(3), detectAfter: 10, resolvedAfter: 600, resolution: CaseResolution.Fixed);
        Outage("d", From.AddHours(4), detectAfter: 10);

        var figures = Compute();

        Assert.Equal(2.0 / 3, figures.AutoRecoveredRatio);
        Assert.Equal(300, figures.MeanTimeToResolveSeconds);
        Assert.Equal(4, figures.Outages);
    }

    [Fact]
    public void Compute_OnlyOpenCases_LeavesResolutionFiguresNull()
    {
        Outage("a", From.AddHours(1), detectAfter: 10);

        var figures = Compute();

        Assert.Null(figures.AutoRecoveredRatio);
        Assert.Null(figures.MeanTimeToResolveSeconds);
        Assert.Equal(10, figures.MeanTimeToDetectSeconds);
    }

    [Fact]
    public void Compute_MergedCases_AreLeftOutOfEveryFigure()
    {
        // d1's own case opened first and was folded into the site case; the customer called in between.
        var merged = Outage("d1", From.AddHours(1), detectAfter: 30, resolvedAfter: 10, resolution: CaseResolution.Merged);
        Outage("site-17", From.AddHours(1), detectAfter: 40, resolvedAfter: 100, resolution: CaseResolution.AutoRecovered,
            kind: CaseKind.SiteOutage, devices: ["d1", "d2"]);
        Contact(device: "d1", at: merged.OpenedAt.AddSeconds(5));

        var figures = Compute();

        Assert.Equal(1, figures.Outages);
        Assert.Equal(40, figures.MeanTimeToDetectSeconds);
        Assert.Equal(1, figures.AutoRecoveredRatio);
        Assert.Equal(100, figures.MeanTimeToResolveSeconds);
        Assert.Equal(0, figures.DetectedBeforeContactRatio);
        Assert.Equal(0, figures.CasesOpened[CaseKind.DeviceOffline]);
        Assert.Equal(1, figures.CasesOpened[CaseKind.SiteOutage]);
    }

    [Fact]
    public void Compute_FleetIncidents_CountAsOpenedButNotInDetectionFigures()
    {
        var incident = Outage("fleet", From.AddHours(1), detectAfter: 5, resolvedAfter: 50, resolution: CaseResolution.AutoRecovered,
            kind: CaseKind.FleetIncident, customer: "cust-9", devices: ["d1"]);
        Contact(customer: "cust-9", at: incident.OpenedAt.AddSeconds(1));

        var figures = Compute();

        Assert.Equal(1, figures.CasesOpened[CaseKind.FleetIncident]);
        Assert.Equal(0, figures.Outages);
        Assert.Null(figures.MeanTimeToDetectSeconds);
        Assert.Null(figures.DetectedBeforeContactRatio);
        Assert.Null(figures.AutoRecoveredRatio);
        Assert.Null(figures.MeanTimeToResolveSeconds);
    }

    [Fact]
    public void Compute_CasesOpened_CountsEachKind()
    {
        Outage("d1", From.AddHours(1), detectAfter: 5);
        Outage("d2", From.AddHours(2), detectAfter: 5);
        Outage("gw-1", From.AddHours(3), detectAfter: 5, kind: CaseKind.GatewayOffline);
        Outage("d3", From.AddHours(4), detectAfter: 5, kind: CaseKind.Flapping);

        var opened = Compute().CasesOpened;

        Assert.Equal(2, opened[CaseKind.DeviceOffline]);
        Assert.Equal(1, opened[CaseKind.GatewayOffline]);
        Assert.Equal(1, opened[CaseKind.Flapping]);
        Assert.Equal(0, opened[CaseKind.SiteOutage]);
    }

    [Fact]
    public void Compute_Contacts_CountsThoseWithinTheRange()
    {
        Contact(customer: "c", at: From.AddTicks(-1));
        Contact(customer: "c", at: From);
        Contact(customer: "c", at: To.AddTicks(-1));
        Contact(customer: "c", at: To);

        Assert.Equal(2, Compute().Contacts);
    }

    private SupportFigures Compute() => SupportFigures.Compute(From, To, Now, _cases, _contacts);

    private SupportCase Outage(string subject, DateTimeOffset startedAt, int detectAfter, int? resolvedAfter = null, string? resolution = null,
        string kind = CaseKind.DeviceOffline, string? customer = null, IReadOnlyList<string>? devices = null)
    {
        var openedAt = startedAt.AddSeconds(detectAfter);
        var resolvedAt = resolvedAfter is { } r ? openedAt.AddSeconds(r) : (DateTimeOffset?)null;
        var c = new SupportCase
        {
            Id = CaseIds.New(openedAt),
            Tenant = Given.Tenant,
            Kind = kind,
            Status = resolvedAt is null ? CaseStatus.Open : CaseStatus.Resolved,
            Subject = new CaseSubject(CaseSubject.Device, subject),
            Devices = devices ?? [subject],
            Customer = customer,
            Title = $"{subject} offline",
            SuspectedCause = "silence",
            OutageStartedAt = startedAt,
            OpenedAt = openedAt,
            ResolvedAt = resolvedAt,
            Resolution = resolvedAt is null ? null : resolution ?? CaseResolution.AutoRecovered,
        };
        _cases.Add(c);
        return c;
    }

    private void Contact(DateTimeOffset at, string? customer = null, string? device = null) => _contacts.Add(new SupportContact
    {
        Id = TimeOrderedIds.New("ct_", at),
        Tenant = Given.Tenant,
        Customer = customer,
        Device = device,
        At = at,
        Channel = "phone",
        RecordedAt = at,
    });
}
