namespace Monitoring.Core.Cases;

/// <summary>What a case is about: a device, gateway, site, cohort or the fleet. A subject has at most one active case.</summary>
public sealed record CaseSubject(string Type, string Id)
{
    public const string Device = "device";
    public const string Gateway = "gateway";
    public const string Site = "site";
    public const string Cohort = "cohort";
    public const string Fleet = "fleet";
}
