using Monitoring.Core.Stores;

namespace Monitoring.Core.Cases;

/// <summary>Case ids: <c>c_</c> and a ULID (48-bit milliseconds, 80 random bits, Crockford base32), so ids sort by time.</summary>
public static class CaseIds
{
    public static string New(DateTimeOffset at) => TimeOrderedIds.New("c_", at);
}
