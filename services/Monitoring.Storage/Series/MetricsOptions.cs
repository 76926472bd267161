namespace Monitoring.Storage.Series;

/// <summary>The <c>Metrics</c> section: where heartbeats' time series go.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";
    public const string SqliteProvider = "Sqlite";
    public const string InfluxProvider = "Influx";
    public const string NoneProvider = "None";

    /// <summary><c>Sqlite</c> (embedded, the default), <c>Influx</c> or <c>None</c> (series off).</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>Points not tied to an acknowledgement (state changes found by detection) are written at least this often.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>SQLite keeps points this long (InfluxDB's own retention policy governs there).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public SqliteSeriesOptions Sqlite { get; set; } = new();

    public InfluxOptions Influx { get; set; } = new();

    public SpoolOptions Spool { get; set; } = new();

    public bool IsInflux => string.Equals(Provider, InfluxProvider, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, SqliteProvider, StringComparison.OrdinalIgnoreCase);

    public bool IsOff => string.Equals(Provider, NoneProvider, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Problems()
    {
        if (!IsInflux && !IsSqlite && !IsOff)
        {
            yield return $"{Section}:Provider '{Provider}' is not one of Sqlite, Influx, None.";
        }

        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromMinutes(1))
        {
            yield return $"{Section}:FlushInterval must be in (0, 00:01:00] (was {FlushInterval}).";
        }

        if (Retention < TimeSpan.FromMinutes(1))
        {
            yield return $"{Section}:Retention must be at least 00:01:00 (was {Retention}).";
        }

        var parts = IsInflux ? Influx.Problems(Section).Concat(Spool.Problems(Section))
            : IsSqlite ? Sqlite.Problems(Section, Retention)
            : [];
        foreach (var problem in parts)
        {
            yield return problem;
        }
    }
}
