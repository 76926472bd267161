namespace Monitoring.Simulator;

/// <summary>What one load run publishes and where.</summary>
internal sealed record LoadSettings(
    string Host, int Port, string Tenant, int Devices, int Connections, long Messages, int Inflight, int Seed, Uri? Server);
