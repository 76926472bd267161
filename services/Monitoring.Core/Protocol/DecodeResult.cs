using System.Diagnostics.CodeAnalysis;

namespace Monitoring.Core.Protocol;

/// <summary>Either a decoded value or the reason it was refused.</summary>
public readonly struct DecodeResult<T>
    where T : notnull
{
    private DecodeResult(T? value, Rejection? rejection)
    {
        Value = value;
        Rejection = rejection;
    }

    public T? Value { get; }
    public Rejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Rejection is null;

    public static DecodeResult<T> Accept(T value) => new(value, null);

    public static DecodeResult<T> Reject(RejectionReason reason, string detail) => new(default, new Rejection(reason, detail));
}
