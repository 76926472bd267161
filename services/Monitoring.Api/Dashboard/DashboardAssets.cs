using System.IO.Compression;
using System.Security.Cryptography;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// The dashboard's scripts and styles, embedded in this assembly at build time (uPlot from npm among them, so nothing is
/// fetched from elsewhere at run time). Each is kept as it is and gzip-compressed, with a content hash for its URL.
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";
    private readonly Dictionary<string, DashboardAsset> _assets = new(StringComparer.Ordinal);

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..];
            var bytes = copy.ToArray();
            _assets[name] = new DashboardAsset(name, ContentType(name), bytes, Gzip(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
        }
    }

    public DashboardAsset? Find(string name) => _assets.GetValueOrDefault(name);

    /// <summary>The asset's URL, versioned by its content so a browser may keep it for good.</summary>
    public string Url(string name) => _assets.TryGetValue(name, out var asset)
        ? $"/assets/{name}?v={asset.Version}"
        : throw new InvalidOperationException($"the dashboard asset '{name}' is not embedded in Monitoring.Api; the build did not include it");

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
