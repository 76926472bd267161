namespace Monitoring.Core.Detection;

/// <summary>Each model's degraded-link thresholds, resolved once from <c>Detection:Degraded</c>.</summary>
public sealed class DegradedThresholds
{
    private readonly IReadOnlyDictionary<string, LinkThresholds> _byModel;
    private readonly LinkThresholds _default;

    public DegradedThresholds(DetectionOptions options)
    {
        var configured = options.Degraded.GetValueOrDefault(LinkThresholds.DefaultModel);
        _default = (configured ?? new LinkThresholds()).Over(null);
        _byModel = options.Degraded.Where(m => m.Key != LinkThresholds.DefaultModel)
            .ToDictionary(m => m.Key, m => m.Value.Over(configured), StringComparer.Ordinal);
    }

    public LinkThresholds Of(string? model) => model is not null && _byModel.TryGetValue(model, out var own) ? own : _default;
}
