using Microsoft.Extensions.Options;
using Monitoring.Core.Cases;

namespace Monitoring.Cases;

/// <summary>The vendor's playbook, read once at start from <c>Cases:PlaybookFile</c> (validated before).</summary>
public sealed class CasePlaybook(IOptions<CasesOptions> options)
{
    private readonly Lazy<Playbook?> _playbook = new(() => options.Value.PlaybookPath is { } path ? Playbook.Parse(File.ReadAllText(path)) : null);

    public Playbook? Current => _playbook.Value;

    public TimeSpan EscalateAfter => options.Value.EscalateAfter;
}
