namespace Monitoring.Core.Cases;

public static class CaseSeverity
{
    public const string Minor = "minor";
    public const string Major = "major";
    public const string Critical = "critical";
}
