namespace Monitoring.Core.Customers;

public static class CustomerTier
{
    public const string Free = "free";
    public const string Premium = "premium";

    public static readonly IReadOnlyList<string> All = [Free, Premium];
}
