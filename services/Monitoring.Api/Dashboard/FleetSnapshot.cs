namespace Monitoring.Api.Dashboard;

/// <summary>One walk's result: groups by site, model and model+firmware, each parent's children, active cases by severity.</summary>
internal sealed record FleetSnapshot(
    DateTimeOffset At,
    IReadOnlyDictionary<string, StateCounts> Sites,
    IReadOnlyDictionary<string, StateCounts> Models,
    IReadOnlyDictionary<string, StateCounts> Firmware,
    IReadOnlyDictionary<string, List<string>> Children,
    IReadOnlyDictionary<string, int> ActiveCasesBySeverity)
{
    /// <summary>The groups in order of health, worst first: largest share down, then most down, then by name.</summary>
    public static IEnumerable<StateCounts> WorstFirst(IReadOnlyDictionary<string, StateCounts> groups) =>
        groups.Values.OrderByDescending(g => g.DownShare).ThenByDescending(g => g.Down).ThenBy(g => g.Name, StringComparer.Ordinal).ThenBy(g => g.Firmware, StringComparer.Ordinal);
}
