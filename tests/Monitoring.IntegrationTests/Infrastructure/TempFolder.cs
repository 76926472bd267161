namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string purpose = "monitoring-it")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>An SQLite connection string for a database file in this folder.</summary>
    public string SqliteConnectionString => $"Data Source={System.IO.Path.Combine(Path, "m.db")}";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled SQLite handle may still be closing; the OS temp cleaner takes what is left.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
