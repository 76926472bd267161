using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// Detection latency as a user sees it: K devices each send one heartbeat declaring <c>interval_s=1</c> (deadline = lastSeen
/// + 3 s with the default MissedHeartbeats), spread over a few seconds so their deadlines fall at every phase of the
/// detection period, then go silent. The API's offline list is polled every 100 ms; per device, the first poll that shows
/// it offline, minus its deadline, is its latency (an upper bound, by up to one poll period plus the request's time).
/// </summary>
internal sealed class LatencyProbe(Broker broker, ServerUnderTest server, string tenant, int devices)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Spread = TimeSpan.FromSeconds(5);

    public sealed record Sample(string Id, DateTimeOffset Deadline, DateTimeOffset Observed, DateTimeOffset StateSince)
    {
        public double ObservedLate => (Observed - Deadline).TotalSeconds;
        public double StateSinceLate => (StateSince - Deadline).TotalSeconds;
    }

    public async Task<List<Sample>> RunAsync()
    {
        var observed = new Dictionary<string, DateTimeOffset>();
        using var stop = new CancellationTokenSource();
        var polling = Task.Run(() => PollAsync(observed, stop.Token));
        await PublishAsync();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            lock (observed)
            {
                if (observed.Count >= devices) break;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(120) || polling.IsCompleted)
            {
                await stop.CancelAsync();
                await polling;
                throw new TimeoutException($"only {observed.Count} of {devices} silent devices were reported offline within 120 s:\n{server.Tail(30)}");
            }

            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await polling;
        var samples = new List<Sample>();
        foreach (var (id, at) in observed)
        {
            using var doc = JsonDocument.Parse(await server.Http.GetStringAsync($"/api/v1/tenants/{tenant}/devices/{id}"));
            var root = doc.RootElement;
            var lastSeen = root.GetProperty("lastSeen").GetDateTimeOffset();
            var interval = root.GetProperty("intervalSeconds").GetInt32();
            var stateSince = root.GetProperty("stateSince").GetDateTimeOffset();
            samples.Add(new Sample(id, lastSeen + TimeSpan.FromSeconds(interval * 3), at, stateSince));
        }

        return samples;
    }

    private async Task PublishAsync()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port)
            .WithClientId($"bench-latency-{tenant}").WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).Build());
        var gap = Spread / devices;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < devices; i++)
        {
            var due = gap * i;
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var payload = Encoding.UTF8.GetBytes("""{"v":1,"interval_s":1,"model":"LAT-1","fw":"1.0"}""");
            var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fleet/{tenant}/lat-{i:D5}/heartbeat")
                .WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            if (!result.IsSuccess) throw new InvalidOperationException($"the broker refused a heartbeat: {result.ReasonCode}");
        }

        await client.DisconnectAsync();
    }

    private async Task PollAsync(Dictionary<string, DateTimeOffset> observed, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var text = await server.Http.GetStringAsync($"/api/v1/tenants/{tenant}/devices?state=offline&limit=1000", stop);
                var at = DateTimeOffset.UtcNow;
                using var doc = JsonDocument.Parse(text);
                lock (observed)
                {
                    foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
                    {
                        observed.TryAdd(item.GetProperty("id").GetString()!, at);
                    }
                }

                await Task.Delay(Poll, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
