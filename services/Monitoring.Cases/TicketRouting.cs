namespace Monitoring.Cases;

/// <summary>The ticket systems every case event goes to: the names under <c>Notifications:Tickets</c>.</summary>
public sealed record TicketRouting(IReadOnlyList<string> Names);
