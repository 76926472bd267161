namespace Monitoring.Api;

/// <summary>The <c>Api</c> section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>A key for every tenant; when unset, one is generated at first start and printed once.</summary>
    public string? AdminKey { get; set; }

    public IEnumerable<string> Problems()
    {
        if (AdminKey is { } key && key.Length < 16)
        {
            yield return $"{Section}:AdminKey must be at least 16 characters when set.";
        }
    }
}
