namespace Monitoring.Core.Cases;

/// <summary>What one detection pass decided about cases: new cases, and changed ones (each carrying the version it was read at).</summary>
public sealed class CaseDecisions
{
    public List<SupportCase> Opened { get; } = [];
    public List<SupportCase> Changed { get; } = [];

    public bool IsEmpty => Opened.Count == 0 && Changed.Count == 0;
}
