namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>One request as <see cref="ScriptedInflux"/> received it; <see cref="Body"/> is decompressed when it came gzip.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Authorization, string? ContentType, string Accept, bool Gzip, string Body)
{
    public string[] Lines => Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
