namespace Monitoring.Core.Stores;

/// <summary>One page of a list; <see cref="Next"/> is the opaque cursor of the following page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
