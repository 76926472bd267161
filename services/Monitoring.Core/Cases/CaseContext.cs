using Monitoring.Core.Detection;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>What the case rules need to know besides the fleet and the cases: maintenance windows and customers' tiers.</summary>
public sealed record CaseContext
{
    public static readonly CaseContext None = new();

    public IMaintenanceCalendar Maintenance { get; init; } = NoMaintenance.Instance;

    /// <summary>The recent link readings of devices whose link looked poor; none means degraded links are not judged.</summary>
    public LinkQualityWatch? Links { get; init; }

    /// <summary>The vendor's suggested steps per kind and model; none keeps the steps written from the evidence.</summary>
    public Playbook? Playbook { get; init; }

    /// <summary>An open case nobody acknowledged this long is escalated once; null never escalates.</summary>
    public TimeSpan? EscalateAfter { get; init; }

    /// <summary>Whether a tenant's customer is on the premium tier.</summary>
    public Func<string, string?, bool> IsPremium { get; init; } = static (_, _) => false;

    private sealed class NoMaintenance : IMaintenanceCalendar
    {
        public static readonly NoMaintenance Instance = new();

        public bool Covers(DeviceRecord device, DateTimeOffset at) => false;

        public DateTimeOffset? EndedFor(DeviceRecord device, DateTimeOffset at) => null;
    }
}
