namespace Monitoring.Storage;

/// <summary>The <c>Storage</c> section: where devices, cases and keys are kept.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Provider { get; set; } = "Sqlite";
    public string ConnectionString { get; set; } = "Data Source=data/monitoring.db";

    public IEnumerable<string> Problems()
    {
        if (!string.Equals(Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{Section}:Provider '{Provider}' is not available in this build; use Sqlite.";
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{Section}:ConnectionString must be set.";
        }
    }
}
