namespace Monitoring.Api.Dashboard;

/// <summary>One embedded script or style: its bytes as built, gzip-compressed, and a short content hash.</summary>
internal sealed record DashboardAsset(string Name, string ContentType, byte[] Bytes, byte[] Gzipped, string Version);
