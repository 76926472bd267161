namespace Monitoring.Simulator;

/// <summary>
/// Link metrics that wander like a real link's: each step drifts back toward a target with some noise. A degraded link
/// moves its targets into the bad range (rssi below -80 dBm, loss above 5 %, latency above 300 ms) and walks there.
/// </summary>
internal sealed class LinkWalk
{
    private readonly Random _random;
    private readonly bool _onBattery;
    private double _rssiTarget;
    private double _latencyTarget;
    private double _lossTarget;

    public LinkWalk(Random random, bool onBattery)
    {
        _random = random;
        _onBattery = onBattery;
        _rssiTarget = -50 - random.NextDouble() * 22;
        _latencyTarget = 15 + random.NextDouble() * 50;
        _lossTarget = random.NextDouble() * 1.5;
        Rssi = _rssiTarget;
        Latency = _latencyTarget;
        Loss = _lossTarget;
        Battery = onBattery ? 40 + random.NextDouble() * 60 : double.NaN;
    }

    public double Rssi { get; private set; }
    public double Latency { get; private set; }
    public double Loss { get; private set; }

    /// <summary>Battery percentage, or NaN for a mains-powered device.</summary>
    public double Battery { get; private set; }

    public bool IsDegraded { get; private set; }

    public void Degrade()
    {
        IsDegraded = true;
        _rssiTarget = -90;
        _latencyTarget = 480;
        _lossTarget = 9;
    }

    public void Step()
    {
        // Pull toward the target by a fifth of the distance: a degraded link reaches the bad range within a few heartbeats.
        Rssi = Math.Clamp(Rssi + (_rssiTarget - Rssi) * 0.2 + Noise(1.5), -110, -30);
        Latency = Math.Clamp(Latency + (_latencyTarget - Latency) * 0.2 + Noise(Latency * 0.05), 1, 5000);
        Loss = Math.Clamp(Loss + (_lossTarget - Loss) * 0.2 + Noise(0.2), 0, 100);
        if (_onBattery)
        {
            Battery = Math.Max(1, Battery - _random.NextDouble() * 0.01);
        }
    }

    private double Noise(double scale) => (_random.NextDouble() - 0.5) * 2 * scale;
}
