namespace Monitoring.Core.Stores;

/// <summary>
/// A page of a tenant's maintenance windows, latest start first. <see cref="Active"/> true keeps the windows in effect
/// at <see cref="At"/>, false those that are not (scheduled or ended), null every window.
/// </summary>
public sealed record MaintenanceQuery(string Tenant, bool? Active, DateTimeOffset At, int Limit, string? Cursor);
