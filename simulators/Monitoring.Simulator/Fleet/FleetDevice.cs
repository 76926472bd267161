namespace Monitoring.Simulator;

/// <summary>
/// One device of the synthetic fleet: a gateway, a device behind a gateway (a child, which never publishes itself and is
/// reported in its gateway's <c>children</c>), or a device that reaches the broker directly. Holds what faults change.
/// </summary>
internal sealed class FleetDevice(string id, string kind, FleetSite site, DeviceModel model, string firmware, TimeSpan interval, Random random)
{
    private long _lastSentTicks;
    private volatile bool _silenced;
    private volatile bool _reportedDown;

    public const string GatewayKind = "gateway";
    public const string DeviceKind = "device";

    public string Id { get; } = id;
    public string Tenant => Site.Tenant;
    public string Kind { get; } = kind;
    public FleetSite Site { get; } = site;
    public DeviceModel Model { get; } = model;
    public string Firmware { get; } = firmware;
    public TimeSpan Interval { get; } = interval;
    public Random Random { get; } = random;
    public LinkWalk Link { get; } = new(random, model.OnBattery);
    public long BootedAtSeconds { get; } = random.Next(0, 2_000_000);
    public long Sequence { get; set; }
    public FleetDevice? Gateway { get; set; }
    public List<FleetDevice> Children { get; } = [];

    public bool IsGateway => Kind == GatewayKind;

    /// <summary>Reaches the broker itself: a gateway or a device without a gateway.</summary>
    public bool Publishes => Gateway is null;

    /// <summary>A publisher that a fault keeps silent.</summary>
    public bool Silenced { get => _silenced; set => _silenced = value; }

    /// <summary>A child its gateway reports as <c>online:false</c>.</summary>
    public bool ReportedDown { get => _reportedDown; set => _reportedDown = value; }

    /// <summary>The device's clock stamp of the last heartbeat the broker acknowledged (for a child: the last one of its gateway that listed it up).</summary>
    public DateTimeOffset? LastSentAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSentTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void MarkSent(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _lastSentTicks);
            if (seen >= ticks)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _lastSentTicks, ticks, seen) != seen);
    }

    /// <summary>The devices that go dark with this one: itself and, for a gateway, its children.</summary>
    public IEnumerable<FleetDevice> WithChildren() => [this, .. Children];
}
