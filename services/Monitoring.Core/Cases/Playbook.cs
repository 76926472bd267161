using System.Text.Json;
using Monitoring.Core.Devices;

namespace Monitoring.Core.Cases;

/// <summary>
/// The vendor's own suggested steps per case kind, and per model where a model needs different ones, from a JSON file
/// they edit (<c>Cases:PlaybookFile</c>). A step may name <c>{device}</c>, <c>{site}</c>, <c>{customer}</c>,
/// <c>{model}</c>, <c>{fw}</c> or <c>{subject}</c>; the step <c>{evidence}</c> stands for the steps the monitor wrote from
/// the evidence (weak signal, low battery, the gateway first, …). A kind the playbook leaves out keeps those alone.
/// </summary>
public sealed class Playbook
{
    public const string Evidence = "{evidence}";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public Dictionary<string, List<string>> Default { get; init; } = [];
    public Dictionary<string, Dictionary<string, List<string>>> Models { get; init; } = [];

    public static Playbook Parse(string json) =>
        JsonSerializer.Deserialize<Playbook>(json, Json) ?? throw new JsonException("the playbook is empty");

    /// <summary>Each problem with the playbook, naming where it is; empty when it is usable.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (where, kind, steps) in Entries())
        {
            if (!CaseKind.All.Contains(kind))
            {
                yield return $"{where}: \"{kind}\" is not a case kind (kinds: {string.Join(", ", CaseKind.All)}).";
            }

            if (steps.Count == 0 || steps.Any(string.IsNullOrWhiteSpace))
            {
                yield return $"{where}.{kind}: every step must be text, and there must be at least one.";
            }
        }
    }

    /// <summary>The case with its steps taken from the playbook, when the playbook has steps for its kind and model.</summary>
    public SupportCase Apply(SupportCase opened, DeviceRecord? subject)
    {
        var model = subject?.Model ?? (opened.Subject.Type == CaseSubject.Cohort ? opened.Subject.Id.Split('/')[0] : null);
        var steps = model is not null && Models.TryGetValue(model, out var own) && own.TryGetValue(opened.Kind, out var modelSteps)
            ? modelSteps
            : Default.GetValueOrDefault(opened.Kind);
        if (steps is null)
        {
            return opened;
        }

        var written = new List<string>();
        foreach (var step in steps)
        {
            if (step.Trim() == Evidence)
            {
                written.AddRange(opened.SuggestedSteps);
                continue;
            }

            written.Add(step
                .Replace("{device}", subject?.Id ?? opened.Subject.Id, StringComparison.Ordinal)
                .Replace("{subject}", opened.Subject.Id, StringComparison.Ordinal)
                .Replace("{site}", opened.Site ?? subject?.Site ?? "the site", StringComparison.Ordinal)
                .Replace("{customer}", opened.Customer ?? "the customer", StringComparison.Ordinal)
                .Replace("{model}", model ?? "the device", StringComparison.Ordinal)
                .Replace("{fw}", subject?.Firmware ?? (opened.Subject.Type == CaseSubject.Cohort ? opened.Subject.Id.Split('/')[^1] : "its firmware"), StringComparison.Ordinal));
        }

        return opened with { SuggestedSteps = written.Distinct(StringComparer.Ordinal).ToList() };
    }

    private IEnumerable<(string Where, string Kind, List<string> Steps)> Entries()
    {
        foreach (var (kind, steps) in Default)
        {
            yield return ("default", kind, steps);
        }

        foreach (var (model, kinds) in Models)
        {
            foreach (var (kind, steps) in kinds)
            {
                yield return ($"models.{model}", kind, steps);
            }
        }
    }
}
