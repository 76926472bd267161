namespace Monitoring.Core.Protocol;

/// <summary>What a gateway says about one device behind it. <see cref="Online"/> is null when the gateway did not say.</summary>
public sealed record ChildReport(string Id, bool? Online, IReadOnlyList<Metric> Metrics);
