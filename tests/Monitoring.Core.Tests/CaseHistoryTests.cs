using Monitoring.Core.Cases;
using Monitoring.Core.Stores;

namespace Monitoring.Core.Tests;

public sealed class CaseHistoryTests
{
    private static SupportCase Case(string id, DateTimeOffset openedAt, string? resolution = null) => new()
    {
        Id = id, Tenant = Given.Tenant, Kind = CaseKind.DeviceOffline, Subject = new CaseSubject(CaseSubject.Device, "d1"),
        Customer = "cust-9", Title = "t", SuspectedCause = "c", OpenedAt = openedAt, Resolution = resolution,
        Status = resolution is null ? CaseStatus.Open : CaseStatus.Resolved,
    };

    private static SupportContact Contact(DateTimeOffset at) =>
        new() { Id = $"ct_{at.Ticks}", Tenant = Given.Tenant, Customer = "cust-9", At = at, Channel = "phone", RecordedAt = at };

    [Fact]
    public void Describe_EarlierCasesAndContacts_InOneSentence()
    {
        var now = Given.T0;
        var opened = Case("c3", now);
        SupportCase[] cases = [opened, Case("c2", now.AddDays(-3), CaseResolution.AutoRecovered), Case("c1", now.AddDays(-40), CaseResolution.Fixed)];

        var history = CaseHistory.Describe(opened, cases, [Contact(now.AddDays(-2))]);

        Assert.Equal("Customer cust-9: 1 earlier case in the last 30 days: device offline on 2026-11-19 (recovered by itself); contacted support once (phone on 2026-11-20).", history);
    }

    [Fact]
    public void Describe_NoHistory_Null()
    {
        var opened = Case("c1", Given.T0);

        Assert.Null(CaseHistory.Describe(opened, [opened, Case("m", Given.T0.AddDays(-1), CaseResolution.Merged)], []));
    }
}
