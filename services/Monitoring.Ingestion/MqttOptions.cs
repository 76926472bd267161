namespace Monitoring.Ingestion;

/// <summary>The <c>Mqtt</c> section (CONTRACT §1, §7).</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    public string Mode { get; set; } = "Embedded";
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 1883;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string ClientId { get; set; } = $"monitoring-{Environment.MachineName}";
    public string TopicRoot { get; set; } = "fleet";
    public string SharedGroup { get; set; } = "ingest";
    public int MaxPayloadBytes { get; set; } = 16 * 1024;

    /// <summary>How many unacknowledged QoS 1 messages the broker may have in flight to this worker: at least one batch.</summary>
    public int ReceiveMaximum { get; set; } = 8192;

    /// <summary>How long the broker keeps this worker's session, and queues its messages, while it is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    public bool IsEmbedded => string.Equals(Mode, "Embedded", StringComparison.OrdinalIgnoreCase);

    /// <summary>The subscription: the shared group on an external broker, so several workers split the stream.</summary>
    public string SubscriptionFilter => !IsEmbedded && !string.IsNullOrEmpty(SharedGroup)
        ? $"$share/{SharedGroup}/{TopicRoot}/#"
        : $"{TopicRoot}/#";

    public IEnumerable<string> Problems()
    {
        if (!IsEmbedded && !string.Equals(Mode, "External", StringComparison.OrdinalIgnoreCase))
            yield return $"{Section}:Mode must be Embedded or External (was '{Mode}').";
        if (string.IsNullOrWhiteSpace(Host)) yield return $"{Section}:Host must be set.";
        if (Port is < 1 or > 65535) yield return $"{Section}:Port must be 1..65535 (was {Port}).";
        if (string.IsNullOrWhiteSpace(ClientId) || ClientId.Length > 128) yield return $"{Section}:ClientId must be 1..128 characters.";
        if (string.IsNullOrEmpty(TopicRoot) || TopicRoot.IndexOfAny(['+', '#']) >= 0 || TopicRoot.StartsWith('/') || TopicRoot.EndsWith('/') || TopicRoot.StartsWith('$'))
            yield return $"{Section}:TopicRoot must be a topic without wildcards, leading '$' or surrounding '/' (was '{TopicRoot}').";
        if (SharedGroup.IndexOfAny(['/', '+', '#']) >= 0) yield return $"{Section}:SharedGroup must not contain '/', '+' or '#' (was '{SharedGroup}').";
        if (MaxPayloadBytes is < 2 or > 256 * 1024 * 1024) yield return $"{Section}:MaxPayloadBytes must be 2..268435456 (was {MaxPayloadBytes}).";
        if (ReceiveMaximum is < 1 or > 65535) yield return $"{Section}:ReceiveMaximum must be 1..65535 (was {ReceiveMaximum}).";
        if (SessionExpiry < TimeSpan.Zero || SessionExpiry.TotalSeconds > uint.MaxValue) yield return $"{Section}:SessionExpiry must be 0..136 years (was {SessionExpiry}).";
    }
}
