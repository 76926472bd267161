namespace Monitoring.Api.Views;

/// <summary>The body of <c>POST …/contacts</c>: who got in touch about what, when and how. Times are RFC 3339 text.</summary>
public sealed record ContactRequest(string? Customer, string? Device, string? At, string? Channel);
