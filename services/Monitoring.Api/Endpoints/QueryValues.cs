namespace Monitoring.Api.Endpoints;

/// <summary>Shared parsing of list parameters.</summary>
internal static class QueryValues
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static bool TryLimit(int? limit, out int value, out string? problem)
    {
        value = limit ?? DefaultLimit;
        problem = value is < 1 or > MaxLimit ? $"limit must be 1..{MaxLimit}" : null;
        return problem is null;
    }
}
