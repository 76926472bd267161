namespace Monitoring.Simulator;

/// <summary>One page of <c>GET …/cases</c>: <c>{"items": [...], "next": "&lt;cursor&gt;"}</c>.</summary>
internal sealed record CasePage(IReadOnlyList<ServerCase> Items, string? Next);
