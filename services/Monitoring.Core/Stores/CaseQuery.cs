namespace Monitoring.Core.Stores;

public sealed record CaseQuery(string Tenant, string? Status, string? Kind, string? Device, string? Customer, int Limit, string? Cursor);
