using Monitoring.Core.Protocol;

namespace Monitoring.Core.Devices;

/// <summary>
/// A device's registry entry and live state. Immutable: every change makes a new record, so the detector
/// and ingestion can race on one device and the loser simply retries on the newer record.
/// </summary>
public sealed record DeviceRecord
{
    public required string Tenant { get; init; }
    public required string Id { get; init; }
    public DeviceKind Kind { get; init; }
    public string? Parent { get; init; }
    public string? Site { get; init; }
    public string? Customer { get; init; }
    public string? Model { get; init; }
    public string? Firmware { get; init; }

    /// <summary>The heartbeat period the device declared, or its registry's value; null means the default.</summary>
    public int? IntervalSeconds { get; init; }

    public DeviceState State { get; init; }

    /// <summary>When the current <see cref="State"/> began: for a silent device, its deadline.</summary>
    public DateTimeOffset? StateSince { get; init; }

    /// <summary>The server's receive time of the last sign of life.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>While down: the moment the device was last known up (its last heartbeat, or its Last Will's arrival).</summary>
    public DateTimeOffset? OutageStartedAt { get; init; }

    public DownCause? DownCause { get; init; }
    public long? UptimeSeconds { get; init; }

    /// <summary>When its uptime last went backwards: the device restarted then.</summary>
    public DateTimeOffset? LastRebootAt { get; init; }

    /// <summary>Its recent changes between online and offline (each drop and each return), oldest first, within a flap window of the newest.</summary>
    public IReadOnlyList<DateTimeOffset> Transitions { get; init; } = [];

    /// <summary>The metrics of the device's latest heartbeat that carried any, as reported.</summary>
    public IReadOnlyList<Metric> Metrics { get; init; } = [];

    public DeviceKey Key => new(Tenant, Id);

    /// <summary>
    /// True when <paramref name="next"/> is this device with only its signs of life moved: last seen, latest metrics
    /// and uptime. Registry fields, state and the outage bookkeeping are the same.
    /// </summary>
    public bool MovesOnlySignsOfLife(DeviceRecord next) =>
        Tenant == next.Tenant && Id == next.Id && Kind == next.Kind && Parent == next.Parent && Site == next.Site
        && Customer == next.Customer && Model == next.Model && Firmware == next.Firmware && IntervalSeconds == next.IntervalSeconds
        && State == next.State && StateSince == next.StateSince && OutageStartedAt == next.OutageStartedAt
        && DownCause == next.DownCause && LastRebootAt == next.LastRebootAt && ReferenceEquals(Transitions, next.Transitions);

    /// <summary>The latest value of one metric, or null when the device did not report it.</summary>
    public double? Reading(string name)
    {
        foreach (var metric in Metrics)
        {
            if (metric.Name == name)
            {
                return metric.Value;
            }
        }

        return null;
    }
}
