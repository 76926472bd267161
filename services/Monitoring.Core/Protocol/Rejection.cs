namespace Monitoring.Core.Protocol;

/// <summary>A refused message: the counted reason and a human-readable detail for the log.</summary>
public sealed record Rejection(RejectionReason Reason, string Detail);
