namespace Monitoring.Core.Cases;

public static class CaseResolution
{
    public const string AutoRecovered = "auto_recovered";
    public const string Merged = "merged";
    public const string Fixed = "fixed";
}
