using System.Globalization;
using Monitoring.Core.Stores;

namespace Monitoring.Core.Cases;

/// <summary>
/// What support should know of a customer before talking to them: their other cases and their contacts with support in
/// the last 30 days, in one sentence added to a new case's suspected cause.
/// </summary>
public static class CaseHistory
{
    public static readonly TimeSpan Span = TimeSpan.FromDays(30);

    /// <returns>The sentence, or null when the customer has no history in the span.</returns>
    public static string? Describe(SupportCase opened, IEnumerable<SupportCase> cases, IEnumerable<SupportContact> contacts)
    {
        var since = opened.OpenedAt - Span;
        var earlier = cases
            .Where(c => c.Id != opened.Id && c.OpenedAt >= since && c.OpenedAt <= opened.OpenedAt && c.Resolution != CaseResolution.Merged)
            .OrderByDescending(c => c.OpenedAt)
            .ToList();
        var calls = contacts.Where(c => c.At >= since && c.At <= opened.OpenedAt).OrderByDescending(c => c.At).ToList();
        if (earlier.Count == 0 && calls.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (earlier.Count > 0)
        {
            var listed = string.Join("; ", earlier.Take(3).Select(c => $"{c.Kind.Replace('_', ' ')} on {Day(c.OpenedAt)} ({Outcome(c)})"));
            parts.Add($"{Count(earlier.Count, "earlier case")} in the last 30 days: {listed}{(earlier.Count > 3 ? "; …" : "")}");
        }

        if (calls.Count > 0)
        {
            var listed = string.Join(", ", calls.Take(3).Select(c => $"{c.Channel} on {Day(c.At)}"));
            parts.Add($"contacted support {Times(calls.Count)} ({listed}{(calls.Count > 3 ? ", …" : "")})");
        }

        return $"Customer {opened.Customer}: {string.Join("; ", parts)}.";
    }

    private static string Outcome(SupportCase c) => c.Resolution switch
    {
        null => c.Status,
        CaseResolution.AutoRecovered => "recovered by itself",
        var r => $"resolved: {r}",
    };

    private static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Times(int n) => n == 1 ? "once" : $"{n} times";
}
