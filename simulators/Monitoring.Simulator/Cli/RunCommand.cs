using System.CommandLine;

namespace Monitoring.Simulator;

/// <summary>The <c>run</c> command: a seeded fleet publishing heartbeats at its own pace, with fault scenarios and ground truth.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "MQTT broker host", DefaultValueFactory = _ => "localhost" };
        var port = new Option<int>("--port") { Description = "MQTT broker port", DefaultValueFactory = _ => 1883 };
        var tenant = new Option<string>("--tenant") { Description = "the (first) tenant the fleet belongs to", DefaultValueFactory = _ => "sim" };
        var tenants = new Option<int>("--tenants") { Description = "tenants the sites are spread over: --tenant, then {tenant}-2, …", DefaultValueFactory = _ => 1 };
        var root = new Option<string>("--root") { Description = "MQTT topic root (the server's Mqtt:TopicRoot)", DefaultValueFactory = _ => "fleet" };
        var devices = new Option<int>("--devices") { Description = "devices in the fleet, gateways and their children included", DefaultValueFactory = _ => 200 };
        var sites = new Option<int?>("--sites") { Description = "sites the devices are spread over (default: one per 10 devices)" };
        var gatewayShare = new Option<double>("--gateway-share") { Description = "share of the non-gateway devices that sit behind a gateway", DefaultValueFactory = _ => 0.3 };
        var seed = new Option<int>("--seed") { Description = "seed of the synthetic fleet and of every random choice", DefaultValueFactory = _ => 1 };
        var interval = new Option<TimeSpan>("--interval") { Description = "default heartbeat period (battery models report at twice it)", DefaultValueFactory = _ => TimeSpan.FromSeconds(30), CustomParser = DurationText.Parse };
        var jitter = new Option<double>("--jitter") { Description = "each heartbeat comes up to this fraction of its interval early or late", DefaultValueFactory = _ => 0.1 };
        var duration = new Option<TimeSpan>("--duration") { Description = "how long the run lasts", DefaultValueFactory = _ => TimeSpan.FromMinutes(5), CustomParser = DurationText.Parse };
        var mode = new Option<string>("--mode") { Description = "load: multiplexed over a few connections; presence: one connection per publisher with birth and Last Will", DefaultValueFactory = _ => "load" };
        mode.AcceptOnlyFromAmong("load", "presence");
        var connections = new Option<int>("--connections") { Description = "MQTT connections in load mode", DefaultValueFactory = _ => 4 };
        var scenario = new Option<string[]>("--scenario") { HelpName = "name", Description = "a fault to inject (repeatable): " + string.Join(", ", Scenarios.All), AllowMultipleArgumentsPerToken = false };
        scenario.AcceptOnlyFromAmong(Scenarios.All);
        var at = new Option<List<TimeSpan>>("--at") { Description = "when after the start each --scenario happens, in the same order (a missing one repeats the last)", CustomParser = DurationText.ParseMany };
        var restoreAfter = new Option<TimeSpan?>("--restore-after") { Description = "end each loss this long after it began (default: it lasts to the end of the run)", CustomParser = r => DurationText.Parse(r) };
        var truth = new Option<string>("--truth") { Description = "ground-truth file, JSON lines (overwritten)", DefaultValueFactory = _ => "truth.jsonl" };
        var timeScale = new Option<double>("--time-scale") { Description = "multiplies the customers' 10-30 min delay before they call", DefaultValueFactory = _ => 1.0 };
        var api = new Option<Uri?>("--api") { Description = "the server's HTTP address, for customer calls", CustomParser = ParseUri };
        var key = new Option<string?>("--key") { Description = "API key for --api" };
        var progress = new Option<TimeSpan>("--progress") { Description = "how often the progress line is printed", DefaultValueFactory = _ => TimeSpan.FromSeconds(5), CustomParser = DurationText.Parse };

        var command = new Command("run", "Simulate a seeded fleet publishing contract-v1 heartbeats at its own intervals, inject faults and record the ground truth.")
        {
            host, port, tenant, tenants, root, devices, sites, gatewayShare, seed, interval, jitter, duration, mode, connections,
            scenario, at, restoreAfter, truth, timeScale, api, key, progress,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var scenarios = result.GetValue(scenario) ?? [];
            var times = result.GetValue(at) ?? [];
            var deviceCount = result.GetValue(devices);
            var problem = deviceCount < 1 ? "--devices must be at least 1"
                : result.GetValue(tenants) < 1 ? "--tenants must be at least 1"
                : result.GetValue(gatewayShare) is < 0 or > 1 ? "--gateway-share must be between 0 and 1"
                : result.GetValue(jitter) is < 0 or >= 1 ? "--jitter must be at least 0 and below 1"
                : result.GetValue(interval) < TimeSpan.FromSeconds(1) ? "--interval must be at least 1s"
                : result.GetValue(timeScale) <= 0 ? "--time-scale must be above 0"
                : scenarios.Length > 0 && times.Count == 0 && scenarios.Any(s => s != Scenarios.CustomerCalls) ? "each --scenario needs an --at"
                : scenarios.Contains(Scenarios.CustomerCalls) && result.GetValue(api) is null ? "customer_calls needs --api (and --key)"
                : null;
            if (problem is not null)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }

            var plans = scenarios.Select((s, i) => new FaultPlan(s, times.Count == 0 ? TimeSpan.Zero : times[Math.Min(i, times.Count - 1)])).ToArray();
            var fleet = new FleetSettings(result.GetValue(tenant)!, result.GetValue(tenants), deviceCount,
                result.GetValue(sites) ?? Math.Max(1, deviceCount / 10), result.GetValue(gatewayShare), result.GetValue(seed),
                result.GetValue(interval), result.GetValue(jitter), result.GetValue(root)!);
            var settings = new RunSettings(fleet, result.GetValue(host)!, result.GetValue(port),
                result.GetValue(mode) == "presence" ? RunMode.Presence : RunMode.Load, result.GetValue(connections), result.GetValue(duration),
                result.GetValue(progress), plans, result.GetValue(restoreAfter), result.GetValue(truth)!, result.GetValue(timeScale),
                result.GetValue(api), result.GetValue(key));
            return await new FleetRun(settings, Console.Out).RunAsync(cancellationToken);
        });
        return command;
    }

    public static Uri? ParseUri(System.CommandLine.Parsing.ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        if (Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var uri))
        {
            return uri;
        }

        result.AddError($"'{result.Tokens[0].Value}' is not an absolute URL");
        return null;
    }
}
