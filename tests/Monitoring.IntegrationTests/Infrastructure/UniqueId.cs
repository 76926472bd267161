namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>Tenant, device and topic names no other test uses, so tests that share a server or a broker stay apart.</summary>
public static class UniqueId
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
