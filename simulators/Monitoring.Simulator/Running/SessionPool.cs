namespace Monitoring.Simulator;

/// <summary>
/// The MQTT connections a run publishes over: a few shared ones in <see cref="RunMode.Load"/>, one per publisher with
/// birth and Last Will in <see cref="RunMode.Presence"/>. A supervising loop keeps the wanted ones connected.
/// </summary>
internal sealed class SessionPool : IAsyncDisposable
{
    private const int ConnectParallelism = 32;
    private readonly MqttSession[] _sessions;
    private readonly Dictionary<FleetDevice, MqttSession> _byPublisher = [];

    public SessionPool(RunSettings settings, SyntheticFleet fleet, BrokerGaps gaps)
    {
        Mode = settings.Mode;
        if (settings.Mode == RunMode.Presence)
        {
            _sessions = fleet.Publishers.Select(p => new MqttSession(settings.Host, settings.Port, $"sim-{p.Tenant}-{p.Id}",
                $"{settings.Fleet.TopicRoot}/{p.Tenant}/{p.Id}/status", gaps)).ToArray();
            for (var i = 0; i < fleet.Publishers.Count; i++)
            {
                _byPublisher[fleet.Publishers[i]] = _sessions[i];
            }
        }
        else
        {
            var count = Math.Clamp(settings.Connections, 1, Math.Max(1, fleet.Publishers.Count));
            _sessions = Enumerable.Range(0, count)
                .Select(i => new MqttSession(settings.Host, settings.Port, $"simulator-run-{settings.Fleet.Seed}-{i}", null, gaps)).ToArray();
            for (var i = 0; i < fleet.Publishers.Count; i++)
            {
                _byPublisher[fleet.Publishers[i]] = _sessions[i % count];
            }
        }
    }

    public RunMode Mode { get; }
    public int Count => _sessions.Length;
    public int Connected => _sessions.Count(s => s.IsConnected);
    public int Wanted => _sessions.Count(s => s.Wanted);

    public MqttSession For(FleetDevice publisher) => _byPublisher[publisher];

    /// <summary>Connects every wanted session that is down; answers how many are connected.</summary>
    public async Task<int> ConnectAsync(CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(_sessions.Where(s => s.Wanted && !s.IsConnected),
            new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken },
            async (session, ct) => await session.EnsureConnectedAsync(ct));
        return Connected;
    }

    /// <summary>Keeps reconnecting what the broker dropped, once a second, until the run ends.</summary>
    public async Task SuperviseAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
                await ConnectAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Takes a publisher off the air: in presence mode its connection drops and the broker publishes its Last Will.</summary>
    public Task SilenceAsync(FleetDevice publisher, CancellationToken cancellationToken) =>
        Mode == RunMode.Presence ? For(publisher).DropAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Brings a publisher back: in presence mode it reconnects and announces itself online.</summary>
    public async Task RestoreAsync(FleetDevice publisher, CancellationToken cancellationToken)
    {
        if (Mode == RunMode.Presence)
        {
            var session = For(publisher);
            session.Allow();
            await session.EnsureConnectedAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_sessions, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism },
            async (session, _) => await session.CloseAsync());
        foreach (var session in _sessions)
        {
            session.Dispose();
        }
    }
}
