using Monitoring.Core.Cases;
using Monitoring.Core.Customers;
using Monitoring.Core.Notifications;

namespace Monitoring.Core.Tests.Notifications;

/// <summary>Cases, customers and outbox rows for the notification tests.</summary>
internal static class NotificationGiven
{
    public static readonly IReadOnlyList<string> Tickets = ["jira", "zendesk"];

    public static SupportCase OpenCase(string device = "hb-1", string customer = "cust-9", string kind = CaseKind.DeviceOffline) => new()
    {
        Id = "c_01TEST" + device,
        Tenant = Given.Tenant,
        Kind = kind,
        Subject = new CaseSubject(kind == CaseKind.FleetIncident ? CaseSubject.Fleet : CaseSubject.Device, device),
        Devices = [device],
        Customer = kind == CaseKind.FleetIncident ? null : customer,
        Site = "site-17",
        Title = $"Device {device} offline",
        SuspectedCause = "power or network loss at the device",
        SuggestedSteps = ["Check that the device has power.", "Restart the router."],
        OutageStartedAt = Given.T0,
        OpenedAt = Given.T0.AddSeconds(210),
        Version = 1,
        Timeline = [new TimelineEntry(Given.T0.AddSeconds(210), TimelineEntry.Opened, "opened")],
    };

    public static Customer Customer(string tier = CustomerTier.Free, QuietHours? quiet = null) => new()
    {
        Tenant = Given.Tenant,
        Id = "cust-9",
        Name = "Ada's Bakery",
        Tier = tier,
        Contacts = [new CustomerContact(CustomerContact.Email, Address: "ada@bakery.example"), new CustomerContact(CustomerContact.Webhook, Url: "https://hooks.bakery.example/monitoring")],
        QuietHours = quiet,
    };

    public static Delivery Row(string id, string @event = NotificationEvent.CaseOpened, string channel = NotificationChannel.Email) => new()
    {
        Id = id,
        Tenant = Given.Tenant,
        Event = @event,
        CaseId = "c_" + id,
        Channel = channel,
        Destination = "ada@bakery.example",
        Customer = "cust-9",
        Case = OpenCase(id),
    };
}
