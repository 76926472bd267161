using System.CommandLine;
using System.Diagnostics;
using Monitoring.Simulator;

var host = new Option<string>("--host") { Description = "MQTT broker host", DefaultValueFactory = _ => "localhost" };
var port = new Option<int>("--port") { Description = "MQTT broker port", DefaultValueFactory = _ => 1883 };
var tenant = new Option<string>("--tenant") { Description = "tenant the devices belong to", DefaultValueFactory = _ => "sim" };
var devices = new Option<int>("--devices") { Description = "distinct simulated devices", DefaultValueFactory = _ => 10_000 };
var connections = new Option<int>("--connections") { Description = "MQTT connections the devices are multiplexed over", DefaultValueFactory = _ => 4 };
var messages = new Option<long>("--messages") { Description = "heartbeats to publish in all", DefaultValueFactory = _ => 100_000 };
var inflight = new Option<int>("--inflight") { Description = "unacknowledged QoS 1 publishes per connection", DefaultValueFactory = _ => 500 };
var seed = new Option<int>("--seed") { Description = "seed of the synthetic fleet", DefaultValueFactory = _ => 1 };
var server = new Option<Uri?>("--server")
{
    Description = "the server's HTTP address: wait until it has ingested everything and report its rate",
    CustomParser = r => r.Tokens.Count == 0 ? null : new Uri(r.Tokens[0].Value, UriKind.Absolute),
};

var load = new Command("load", "Publish heartbeats from many devices over a few connections as fast as the broker takes them.")
{
    host, port, tenant, devices, connections, messages, inflight, seed, server,
};
load.SetAction(async (result, cancellationToken) =>
{
    var settings = new LoadSettings(result.GetValue(host)!, result.GetValue(port), result.GetValue(tenant)!, result.GetValue(devices),
        result.GetValue(connections), result.GetValue(messages), result.GetValue(inflight), result.GetValue(seed), result.GetValue(server));
    if (settings.Devices < 1 || settings.Connections < 1 || settings.Messages < 1 || settings.Inflight < 1)
    {
        Console.Error.WriteLine("--devices, --connections, --messages and --inflight must be at least 1");
        return 2;
    }

    using var metrics = settings.Server is null ? null : new ServerMetrics(settings.Server);
    var before = metrics is null ? 0 : await metrics.IngestedAsync(cancellationToken);
    var started = Stopwatch.StartNew();
    var run = await new LoadRun(settings, Console.Out).RunAsync(cancellationToken);
    if (metrics is not null)
    {
        await new IngestionWatch(metrics, Console.Out).WaitAsync(before, run.Published, started, cancellationToken);
    }

    return 0;
});

var root = new RootCommand("Monitoring fleet simulator") { load, RunCommand.Create(), VerifyCommand.Create() };
return await root.Parse(args).InvokeAsync();
