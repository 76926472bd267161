using Monitoring.Core.Devices;

namespace Monitoring.Api.Dashboard;

/// <summary>How many devices of one group (a site, a model, a model's firmware) are in each state; a null name groups the devices that report none.</summary>
internal sealed class StateCounts(string? name, string? firmware)
{
    public string? Name { get; } = name;

    public string? Firmware { get; } = firmware;

    public int Devices { get; private set; }

    public int Online { get; private set; }

    public int Offline { get; private set; }

    public int Unreachable { get; private set; }

    public int Unknown { get; private set; }

    /// <summary>Offline and unreachable: the devices a customer would miss.</summary>
    public int Down => Offline + Unreachable;

    public double DownShare => Devices == 0 ? 0 : (double)Down / Devices;

    public void Add(DeviceState state)
    {
        Devices++;
        switch (state)
        {
            case DeviceState.Online: Online++; break;
            case DeviceState.Offline: Offline++; break;
            case DeviceState.Unreachable: Unreachable++; break;
            default: Unknown++; break;
        }
    }
}
