namespace Monitoring.Core.Cases;

public static class CaseStatus
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Open, Acknowledged, Resolved];

    public static bool IsActive(string status) => status is Open or Acknowledged;
}
