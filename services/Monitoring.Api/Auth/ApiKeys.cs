using System.Security.Cryptography;
using System.Text;

namespace Monitoring.Api.Auth;

/// <summary>API keys: 32 random bytes, base64url, prefixed <c>mk_</c>. Only their SHA-256 is stored: the keys are random, so no salt or stretching is needed.</summary>
public static class ApiKeys
{
    public static string Generate() => "mk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
