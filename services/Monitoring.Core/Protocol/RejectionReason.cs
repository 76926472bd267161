namespace Monitoring.Core.Protocol;

/// <summary>Why an incoming message was refused; each value is a label of <c>monitoring_heartbeats_rejected_total</c>.</summary>
public enum RejectionReason
{
    Topic,
    TooLarge,
    Json,
    Version,
    Schema,
    Value,
}

public static class RejectionReasonNames
{
    public static string Label(this RejectionReason reason) => reason switch
    {
        RejectionReason.Topic => "topic",
        RejectionReason.TooLarge => "too_large",
        RejectionReason.Json => "json",
        RejectionReason.Version => "version",
        RejectionReason.Schema => "schema",
        RejectionReason.Value => "value",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
