namespace Monitoring.Api.Views;

/// <summary>The body of <c>PUT …/devices/{id}</c>: registry fields an operator sets; absent fields stay as they are.</summary>
public sealed record DeviceRegistration(string? Site, string? Customer, string? Model, string? Kind, int? IntervalSeconds);
