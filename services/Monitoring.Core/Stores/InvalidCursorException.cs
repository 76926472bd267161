namespace Monitoring.Core.Stores;

/// <summary>A list cursor this server did not issue: the caller's mistake, answered with 400.</summary>
public sealed class InvalidCursorException() : ArgumentException("cursor is not one this server issued", "cursor");
