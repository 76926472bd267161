using System.Diagnostics;
using Microsoft.Extensions.Options;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;
using Monitoring.Storage;
using Monitoring.Storage.Sqlite;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// A fleet of registered devices written into a SQLite store through <see cref="SqliteDeviceStore.SaveAsync"/>, 10,000 a
/// transaction: hourly heartbeats heard just now, 50 devices a site, 10 a customer, every 100th a gateway. With
/// <c>offlineEvery</c> &gt; 0, every such device is offline since ten minutes ago.
/// </summary>
internal static class RegisteredFleet
{
    public static async Task<(TimeSpan Took, long FileBytes)> WriteAsync(string path, string tenant, int devices, int offlineEvery = 0)
    {
        Console.WriteLine($"harness: writing {devices:N0} devices through SqliteDeviceStore.SaveAsync (batches of 10,000)");
        var clock = Stopwatch.StartNew();
        using (var database = new SqliteDatabase(Options.Create(new StorageOptions { ConnectionString = $"Data Source={path}" })))
        {
            var store = new SqliteDeviceStore(database);
            var now = DateTimeOffset.UtcNow;
            const int batch = 10_000;
            for (var start = 0; start < devices; start += batch)
            {
                var records = new List<DeviceRecord>(batch);
                for (var i = start; i < Math.Min(devices, start + batch); i++)
                {
                    var offline = offlineEvery > 0 && i % offlineEvery == offlineEvery - 1;
                    var heard = offline ? now.AddMinutes(-10) : now;
                    records.Add(new DeviceRecord
                    {
                        Tenant = tenant, Id = $"dev-{i:D7}", Kind = i % 100 == 0 ? DeviceKind.Gateway : DeviceKind.Device,
                        Site = $"site-{i / 50:D5}", Customer = $"cust-{i / 10:D6}", Model = i % 3 == 0 ? "HB-200" : "SN-10", Firmware = "2.4.1",
                        IntervalSeconds = 3600, State = offline ? DeviceState.Offline : DeviceState.Online, StateSince = heard, LastSeen = heard,
                        OutageStartedAt = offline ? heard : null, UptimeSeconds = 86_400,
                        Metrics = [new Metric(MetricNames.RssiDbm, -61), new Metric(MetricNames.LatencyMs, 23.5), new Metric(MetricNames.LossPct, 0.4)],
                    });
                }

                await store.SaveAsync(records, [], [], CancellationToken.None);
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var took = clock.Elapsed;
        var bytes = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        Console.WriteLine($"harness: wrote {devices:N0} devices in {took.TotalSeconds:0.0} s ({bytes / 1048576} MB)");
        return (took, bytes);
    }
}
