namespace Monitoring.Simulator;

/// <summary>The models a synthetic fleet is made of. A device model with several firmwares forms several cohorts.</summary>
internal static class DeviceModelCatalog
{
    public static readonly DeviceModel[] Gateways =
    [
        new("GW-500", ["3.2.0", "3.3.1"], OnBattery: false, IntervalMultiple: 1),
    ];

    public static readonly DeviceModel[] Devices =
    [
        new("HB-200", ["2.4.0", "2.4.1"], OnBattery: false, IntervalMultiple: 1),
        new("SN-10", ["1.0.3", "1.1.0"], OnBattery: true, IntervalMultiple: 2),
        new("TH-3", ["0.9.8"], OnBattery: true, IntervalMultiple: 2),
        new("RT-90", ["5.1.2", "5.2.0"], OnBattery: false, IntervalMultiple: 1),
    ];
}
