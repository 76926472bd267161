using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Monitoring.IntegrationTests.Deps;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>
/// What the notification tests share: settings that point the notify role at the real SMTP sink with short retry
/// timings, a customer to register, a device that reports and falls silent, and the outbox as the API shows it.
/// </summary>
internal static class NotificationScenario
{
    public const string Secret = "it-ticket-secret";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>SMTP on the sink, quick polls and retries: 3 attempts 100 ms apart (doubling, with jitter).</summary>
    public static List<string> Settings(params (string Name, string Url)[] tickets)
    {
        var (host, port) = LocalDeps.Smtp();
        var settings = new List<string>
        {
            $"--Notifications:Smtp:Host={host}",
            $"--Notifications:Smtp:Port={port.ToString(CultureInfo.InvariantCulture)}",
            "--Notifications:Smtp:From=support@vendor.test",
            "--Notifications:PollInterval=00:00:00.100",
            "--Notifications:RetryBaseDelay=00:00:00.100",
            "--Notifications:MaxAttempts=3",
            "--Notifications:AttemptTimeout=00:00:01",
            "--Notifications:LeaseDuration=00:00:03",
            "--Notifications:BreakDuration=00:00:00.500",
        };
        foreach (var (name, url) in tickets)
        {
            settings.Add($"--Notifications:Tickets:{name}:Url={url}");
            settings.Add($"--Notifications:Tickets:{name}:Secret={Secret}");
        }

        return settings;
    }

    public static Maildir Mail => new(LocalDeps.SmtpMaildir());

    public static string NewAddress() => $"{UniqueId.New("ops")}@customer.test";

    public static async Task PutCustomerAsync(MonitoringApi api, string tenant, string id, object body)
    {
        using var response = await api.Http.PutAsJsonAsync($"api/v1/tenants/{tenant}/customers/{id}", body);
        Assert.True(response.IsSuccessStatusCode, $"PUT customer answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static object Heartbeat(string customer) => new { interval_s = 1, model = "HB-200", fw = "2.4.1", site = "site-17", customer };

    /// <summary>Publishes until the device is online, then stops: returns when its last heartbeat was sent.</summary>
    public static async Task<DateTimeOffset> ReportThenFallSilentAsync(DeviceClient device, MonitoringApi api, string tenant, string id, string customer)
    {
        await device.PublishHeartbeatAsync(tenant, id, Heartbeat(customer));
        var last = DateTimeOffset.UtcNow;
        await Polling.Eventually(async () => await api.DeviceStateAsync(tenant, id) == "online", Patience, $"{id} online");
        return last;
    }

    /// <summary>Keeps the device reporting every 250 ms until <paramref name="until"/> holds.</summary>
    public static async Task ReportUntilAsync(DeviceClient device, string tenant, string id, string customer, Func<Task<bool>> until, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await until())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {Patience.TotalSeconds} s: {what}");
            }

            await device.PublishHeartbeatAsync(tenant, id, Heartbeat(customer));
            await Task.Delay(250);
        }
    }

    public static async Task<List<JsonElement>> DeliveriesAsync(MonitoringApi api, string tenant, string? status = null)
    {
        var page = await api.GetJsonAsync($"api/v1/tenants/{tenant}/notifications" + (status is null ? "" : $"?status={status}"));
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static bool SignatureHolds(ReceivedPost post) =>
        post.Signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), post.Body));

    public static string TextOf(MimeKit.MimeMessage mail) => mail.TextBody ?? "";
}
