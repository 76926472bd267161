using System.Globalization;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// The command line of a test server, as <c>--Section:Key=value</c> settings: loopback ports picked free, SQLite in a
/// temp folder, a known admin key and detection settings short enough that outages and recoveries take seconds.
/// Later settings replace earlier ones with the same key.
/// </summary>
public sealed class ServerArguments
{
    public const string AdminKey = "it-admin-key-0123456789abcdef";

    private readonly List<KeyValuePair<string, string>> _settings = [];

    private ServerArguments()
    {
    }

    /// <summary>An embedded-broker server on free ports with its database in <paramref name="dataFolder"/>.</summary>
    public static ServerArguments Defaults(string dataFolder) => new ServerArguments()
        .Set("Urls", $"http://127.0.0.1:{FreePort.Next()}")
        .Set("Mqtt:Mode", "Embedded")
        .Set("Mqtt:Port", FreePort.Next().ToString(CultureInfo.InvariantCulture))
        .Set("Mqtt:ClientId", $"it-{Guid.NewGuid():N}")
        .Set("Storage:ConnectionString", $"Data Source={Path.Combine(dataFolder, "m.db")}")
        .Set("Metrics:Sqlite:ConnectionString", $"Data Source={Path.Combine(dataFolder, "metrics.db")}")
        .Set("Metrics:Spool:Path", Path.Combine(dataFolder, "series-spool"))
        .Set("Api:AdminKey", AdminKey)
        .Set("Detection:Period", "00:00:00.200")
        .Set("Detection:ConfirmAfter", "00:00:01")
        .Set("Detection:RecoveryStable", "00:00:01")
        .Set("Detection:MissedHeartbeats", "2")
        .Set("Logging:LogLevel:Default", "Warning")
        .Set("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");

    /// <summary>Settings for a worker on the real Mosquitto, without the broker role, on its own topic root.</summary>
    public ServerArguments External(string host, int port, string topicRoot, string? clientId = null) => this
        .Set("Roles", "ingest,detect,api")
        .Set("Mqtt:Mode", "External")
        .Set("Mqtt:Host", host)
        .Set("Mqtt:Port", port.ToString(CultureInfo.InvariantCulture))
        .Set("Mqtt:TopicRoot", topicRoot)
        .Set("Mqtt:ClientId", clientId ?? $"it-{Guid.NewGuid():N}")
        // Long enough to outlive a crash and restart; short enough that Mosquitto forgets the test's session soon after.
        .Set("Mqtt:SessionExpiry", "00:10:00");

    /// <summary>Series to InfluxDB 1.x at <paramref name="url"/>, in <paramref name="database"/>.</summary>
    public ServerArguments Influx(string url, string database) => this
        .Set("Metrics:Provider", "Influx")
        .Set("Metrics:Influx:Url", url)
        .Set("Metrics:Influx:Database", database);

    public ServerArguments Set(string key, string value)
    {
        _settings.RemoveAll(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));
        _settings.Add(new(key, value));
        return this;
    }

    /// <summary>Applies overrides written as on a command line: <c>--Section:Key=value</c>.</summary>
    public ServerArguments With(IEnumerable<string> overrides)
    {
        foreach (var setting in overrides)
        {
            var text = setting.StartsWith("--", StringComparison.Ordinal) ? setting[2..] : setting;
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"'{setting}' is not --Key=value", nameof(overrides));
            }

            Set(text[..equals], text[(equals + 1)..]);
        }

        return this;
    }

    public string this[string key] =>
        _settings.LastOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)).Value
        ?? throw new KeyNotFoundException($"no setting {key}");

    public Uri BaseAddress => new(this["Urls"].Split(';')[0].TrimEnd('/') + "/");

    public int MqttPort => int.Parse(this["Mqtt:Port"], CultureInfo.InvariantCulture);

    public string TopicRoot => _settings.Any(s => string.Equals(s.Key, "Mqtt:TopicRoot", StringComparison.OrdinalIgnoreCase)) ? this["Mqtt:TopicRoot"] : "fleet";

    public string[] ToArgs() => _settings.Select(s => $"--{s.Key}={s.Value}").ToArray();

    public ServerArguments Copy() => new ServerArguments().With(ToArgs());
}
