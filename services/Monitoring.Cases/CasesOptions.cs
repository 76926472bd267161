using System.Text.Json;
using Monitoring.Core.Cases;

namespace Monitoring.Cases;

/// <summary>The <c>Cases</c> configuration section.</summary>
public sealed class CasesOptions
{
    public const string Section = "Cases";

    /// <summary>A JSON playbook of suggested steps per case kind and model; relative paths are from the server's folder.</summary>
    public string? PlaybookFile { get; set; }

    /// <summary>An open case nobody acknowledged this long is escalated once.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(30);

    public string? PlaybookPath => string.IsNullOrWhiteSpace(PlaybookFile) ? null : Path.GetFullPath(PlaybookFile, AppContext.BaseDirectory);

    public IEnumerable<string> Problems()
    {
        if (EscalateAfter <= TimeSpan.Zero)
        {
            yield return $"{Section}:EscalateAfter must be positive (was {EscalateAfter}).";
        }

        if (PlaybookPath is not { } path)
        {
            yield break;
        }

        if (!File.Exists(path))
        {
            yield return $"{Section}:PlaybookFile: {path} does not exist.";
            yield break;
        }

        Playbook? playbook = null;
        string? unreadable = null;
        try
        {
            playbook = Playbook.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            unreadable = ex.Message;
        }

        if (playbook is null)
        {
            yield return $"{Section}:PlaybookFile: {path} is not a playbook: {unreadable}";
            yield break;
        }

        foreach (var problem in playbook.Problems())
        {
            yield return $"{Section}:PlaybookFile: {path}: {problem}";
        }
    }
}
