using Monitoring.Core.Devices;

namespace Monitoring.Core.Protocol;

/// <summary>Parses <c>{root}/{tenant}/{deviceId}/{heartbeat|status}</c>; anything else is a <see cref="RejectionReason.Topic"/>.</summary>
public sealed class TopicParser
{
    private readonly string _root;

    public TopicParser(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = root;
    }

    public string Root => _root;

    public bool TryParse(string topic, out TopicAddress address, out Rejection? rejection)
    {
        if (TryParse(topic, out DeviceKeySpan key, out var channel, out rejection))
        {
            address = new TopicAddress(key.Tenant.ToString(), key.Id.ToString(), channel);
            return true;
        }

        address = default;
        return false;
    }

    /// <summary>Parses without allocating: the tenant and device id stay slices of <paramref name="topic"/>.</summary>
    public bool TryParse(string topic, out DeviceKeySpan key, out Channel channel, out Rejection? rejection)
    {
        key = default;
        channel = default;
        rejection = null;
        var span = topic.AsSpan();
        if (!span.StartsWith(_root, StringComparison.Ordinal) || span.Length <= _root.Length || span[_root.Length] != '/')
        {
            rejection = new Rejection(RejectionReason.Topic, $"topic '{Clip(topic)}' is not under '{_root}/'");
            return false;
        }

        var rest = span[(_root.Length + 1)..];
        var first = rest.IndexOf('/');
        if (first < 0)
        {
            return Reject(topic, out rejection);
        }

        var tenant = rest[..first];
        rest = rest[(first + 1)..];
        var second = rest.IndexOf('/');
        if (second < 0)
        {
            return Reject(topic, out rejection);
        }

        var device = rest[..second];
        var channelText = rest[(second + 1)..];
        if (channelText.SequenceEqual("heartbeat"))
        {
            channel = Channel.Heartbeat;
        }
        else if (channelText.SequenceEqual("status"))
        {
            channel = Channel.Status;
        }
        else
        {
            return Reject(topic, out rejection);
        }

        if (!Identifiers.IsValid(tenant) || !Identifiers.IsValid(device))
        {
            return Reject(topic, out rejection);
        }

        key = new DeviceKeySpan(tenant, device);
        return true;
    }

    private bool Reject(string topic, out Rejection rejection)
    {
        rejection = new Rejection(
            RejectionReason.Topic,
            $"topic '{Clip(topic)}' is not {_root}/{{tenant}}/{{deviceId}}/{{heartbeat|status}} with ids of [A-Za-z0-9._-]{{1,64}}");
        return false;
    }

    private static string Clip(string topic) => topic.Length <= 200 ? topic : topic[..200] + "…";
}
