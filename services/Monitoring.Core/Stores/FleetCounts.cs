namespace Monitoring.Core.Stores;

/// <summary>A tenant's devices by state and active cases by kind.</summary>
public sealed record FleetCounts(IReadOnlyDictionary<string, int> DevicesByState, IReadOnlyDictionary<string, int> OpenCasesByKind);
