namespace Monitoring.Core.Cases;

/// <summary>
/// What a pass has decided so far: the cases it opened and those it changed, each in its latest version, with the
/// <see cref="CaseIndex"/> kept up to date so later rules of the same pass see them.
/// </summary>
internal sealed class CaseLedger(IEnumerable<SupportCase> cases)
{
    private readonly CaseDecisions _decisions = new();
    private readonly Dictionary<string, int> _opened = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SupportCase> _changed = new(StringComparer.Ordinal);

    public CaseIndex Index { get; } = new(cases);

    public void Open(SupportCase opened)
    {
        _opened[opened.Id] = _decisions.Opened.Count;
        _decisions.Opened.Add(opened);
        Index.Track(opened);
    }

    /// <summary>A newer version of a stored case, or of one opened in this pass.</summary>
    public void Change(SupportCase updated)
    {
        if (_opened.TryGetValue(updated.Id, out var at))
        {
            _decisions.Opened[at] = updated;
        }
        else
        {
            _changed[updated.Id] = updated;
        }

        Index.Track(updated);
    }

    /// <summary>The latest version of a stored case.</summary>
    public SupportCase Latest(SupportCase stored) => _changed.GetValueOrDefault(stored.Id, stored);

    public CaseDecisions Decisions()
    {
        _decisions.Changed.AddRange(_changed.Values);
        return _decisions;
    }
}
