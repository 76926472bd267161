namespace Monitoring.Api.Views;

/// <summary>The body of <c>PUT …/devices/{id}</c>: registry fields an operator sets; absent fields stay as they are.</summary>
/// <remarks><c>fw</c> goes beyond the contract's list: a device that never publishes itself (a gateway's child) can join its firmware cohort.</remarks>
public sealed record DeviceRegistration(string? Site, string? Customer, string? Model, string? Kind, int? IntervalSeconds, [property: System.Text.Json.Serialization.JsonPropertyName("fw")] string? Firmware = null);
