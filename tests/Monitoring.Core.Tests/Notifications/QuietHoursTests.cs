using Monitoring.Core.Customers;

namespace Monitoring.Core.Tests.Notifications;

public sealed class QuietHoursTests
{
    private static readonly QuietHours BerlinNights = new("22:00", "07:00", "Europe/Berlin");

    [Fact]
    public void EndIfQuiet_LateEveningInBerlin_EndsAtSevenTheNextMorningBerlinTime()
    {
        // 21:30 UTC in November is 22:30 in Berlin (UTC+1): quiet until 07:00 Berlin, 06:00 UTC.
        var end = BerlinNights.EndIfQuiet(new DateTimeOffset(2026, 11, 22, 21, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void EndIfQuiet_EarlyMorningInBerlinSummer_EndsTheSameMorning()
    {
        // 03:00 UTC in July is 05:00 in Berlin (UTC+2): quiet until 07:00 Berlin, 05:00 UTC.
        var end = BerlinNights.EndIfQuiet(new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 5, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void EndIfQuiet_DaytimeInBerlin_IsNotQuiet()
    {
        // 21:30 UTC in July is 23:30 in Berlin, but 20:30 UTC in November is 21:30 there: not quiet yet.
        Assert.Null(BerlinNights.EndIfQuiet(new DateTimeOffset(2026, 11, 22, 20, 30, 0, TimeSpan.Zero)));
        Assert.Null(BerlinNights.EndIfQuiet(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void EndIfQuiet_EndSkippedBySpringForward_EndsAtTheFirstMomentAfterTheGap()
    {
        // On 2026-03-29 Berlin's clocks jump from 02:00 to 03:00; 02:30 does not happen that night.
        var quiet = new QuietHours("01:00", "02:30", "Europe/Berlin");

        var end = quiet.EndIfQuiet(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero)); // 01:30 CET

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), end); // 03:00 CEST
    }

    [Fact]
    public void EndIfQuiet_EndRepeatedByFallBack_EndsAtItsLaterOccurrence()
    {
        // On 2026-10-25 Berlin's clocks go back from 03:00 to 02:00; 02:30 happens twice, the later at UTC+1.
        var quiet = new QuietHours("00:00", "02:30", "Europe/Berlin");

        var end = quiet.EndIfQuiet(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero)); // 01:00 CEST

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void EndIfQuiet_WindowWithinOneDayInKathmandu_UsesTheQuarterHourOffset()
    {
        // Kathmandu is UTC+05:45: 07:00 UTC is 12:45 there, inside 12:00–14:00.
        var lunch = new QuietHours("12:00", "14:00", "Asia/Kathmandu");

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 15, 0, TimeSpan.Zero), lunch.EndIfQuiet(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero)));
        Assert.Null(lunch.EndIfQuiet(new DateTimeOffset(2026, 11, 22, 8, 15, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("22:00", "07:00", "Mars/Olympus", "timeZone")]
    [InlineData("24:00", "07:00", "Europe/Berlin", "quietHours.from")]
    [InlineData("22:00", "7:00", "Europe/Berlin", "quietHours.to")]
    [InlineData("22:00", "22:00", "Europe/Berlin", "must differ")]
    public void CustomerRules_BadQuietHours_AreRejectedNamingTheField(string from, string to, string zone, string named)
    {
        var customer = NotificationGiven.Customer(quiet: new QuietHours(from, to, zone));

        Assert.Contains(named, CustomerRules.Problem(customer));
    }

    [Theory]
    [InlineData("gold", "tier")]
    [InlineData("free", "contacts[0]")]
    public void CustomerRules_BadTierOrEmail_AreRejectedNamingTheField(string tier, string named)
    {
        var customer = NotificationGiven.Customer() with { Tier = tier };
        if (tier == "free")
        {
            customer = customer with { Contacts = [new CustomerContact(CustomerContact.Email, Address: "not an address")] };
        }

        Assert.Contains(named, CustomerRules.Problem(customer));
    }

    [Fact]
    public void CustomerRules_WebhookThatIsNotHttp_IsRejected()
    {
        var customer = NotificationGiven.Customer() with { Contacts = [new CustomerContact(CustomerContact.Webhook, Url: "ftp://files.example/x")] };

        Assert.Contains("contacts[0]: url", CustomerRules.Problem(customer));
        Assert.Null(CustomerRules.Problem(NotificationGiven.Customer(quiet: BerlinNights)));
    }
}
