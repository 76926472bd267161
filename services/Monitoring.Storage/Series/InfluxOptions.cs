namespace Monitoring.Storage.Series;

/// <summary><c>Metrics:Influx</c>: the InfluxDB endpoint, v1 (<c>/write</c>, <c>/query</c>) or v2 (<c>/api/v2/write</c>, Flux).</summary>
public sealed class InfluxOptions
{
    public string? Url { get; set; }

    /// <summary>v1: the database (created when missing). v2: the bucket.</summary>
    public string Database { get; set; } = "monitoring";

    /// <summary><c>v1</c> or <c>v2</c>.</summary>
    public string ApiVersion { get; set; } = "v1";

    /// <summary>v2: the organisation.</summary>
    public string? Org { get; set; }

    /// <summary>v2: sent as <c>Authorization: Token …</c>.</summary>
    public string? Token { get; set; }

    /// <summary>v1 with authentication on.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>At most this many lines a write request.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>One request's time limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a write that failed with a 5xx or a network error, with jittered exponential backoff.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>After repeated failures writes go straight to the spool for this long.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsV2 => string.Equals(ApiVersion, "v2", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Problems(string section)
    {
        var prefix = $"{section}:Influx";
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return $"{prefix}:Url must be an http(s) URL of InfluxDB when {section}:Provider is Influx (was '{Url}').";
        if (!string.Equals(ApiVersion, "v1", StringComparison.OrdinalIgnoreCase) && !IsV2)
            yield return $"{prefix}:ApiVersion must be v1 or v2 (was '{ApiVersion}').";
        if (string.IsNullOrWhiteSpace(Database)) yield return $"{prefix}:Database must be set (the v1 database or v2 bucket).";
        if (IsV2 && string.IsNullOrWhiteSpace(Org)) yield return $"{prefix}:Org must be set for ApiVersion v2.";
        if (IsV2 && string.IsNullOrWhiteSpace(Token)) yield return $"{prefix}:Token must be set for ApiVersion v2.";
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password)) yield return $"{prefix}:Username and {prefix}:Password go together.";
        if (BatchSize is < 1 or > 100_000) yield return $"{prefix}:BatchSize must be 1..100000 (was {BatchSize}).";
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(2)) yield return $"{prefix}:Timeout must be in (0, 00:02:00] (was {Timeout}).";
        if (Retries is < 0 or > 10) yield return $"{prefix}:Retries must be 0..10 (was {Retries}).";
        if (BreakDuration < TimeSpan.FromMilliseconds(100)) yield return $"{prefix}:BreakDuration must be at least 00:00:00.1 (was {BreakDuration}).";
    }
}
