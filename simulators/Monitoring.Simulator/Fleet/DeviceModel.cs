namespace Monitoring.Simulator;

/// <summary>A product the vendor ships, the firmware versions in the field, and whether it runs on a battery.</summary>
internal sealed record DeviceModel(string Name, string[] Firmwares, bool OnBattery, int IntervalMultiple);
