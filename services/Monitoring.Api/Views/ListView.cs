namespace Monitoring.Api.Views;

/// <summary>The contract's list shape: <c>{"items": [...], "next": cursor|null}</c>.</summary>
public sealed record ListView<T>(IReadOnlyList<T> Items, string? Next);
