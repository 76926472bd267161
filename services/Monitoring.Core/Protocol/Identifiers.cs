namespace Monitoring.Core.Protocol;

/// <summary>The identifier rules of the contract: tenants and devices are <c>[A-Za-z0-9._-]{1,64}</c>.</summary>
public static class Identifiers
{
    public const int MaxLength = 64;

    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsIdChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValid(string? id) => id is not null && IsValid(id.AsSpan());

    private static bool IsIdChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-';
}
