namespace Monitoring.Api.Views;

/// <summary>The body of <c>PUT …/maintenance/{id}</c>. Times are RFC 3339 text.</summary>
public sealed record MaintenanceRequest(ScopeRequest? Scope, string? From, string? To, string? Reason);

public sealed record ScopeRequest(string? Type, string? Id);
