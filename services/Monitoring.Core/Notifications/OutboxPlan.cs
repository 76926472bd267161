using Monitoring.Core.Cases;

namespace Monitoring.Core.Notifications;

/// <summary>The messages a case change causes: <paramref name="before"/> is null for a case that opens.</summary>
public delegate IReadOnlyList<OutboxMessage> OutboxPlan(SupportCase? before, SupportCase after);
