using Monitoring.Core.Cases;

namespace Monitoring.Core.Tests;

public sealed class CaseIdsTests
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void New_AnyTime_IsPrefixedUlidOf28Characters()
    {
        var id = CaseIds.New(Given.T0);

        Assert.StartsWith("c_", id, StringComparison.Ordinal);
        Assert.Equal(28, id.Length);
        Assert.All(id[2..], c => Assert.Contains(c, Crockford));
    }

    [Fact]
    public void New_IncreasingTimestamps_SortByTime()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => CaseIds.New(Given.T0.AddMilliseconds(i * 7))).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void New_YearsApart_SortByTime()
    {
        var early = CaseIds.New(new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var late = CaseIds.New(new DateTimeOffset(2090, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(early, late) < 0, $"{early} should sort before {late}");
    }

    [Fact]
    public void New_SameInstant_StartsWithSameTimePart()
    {
        var a = CaseIds.New(Given.T0);
        var b = CaseIds.New(Given.T0);

        Assert.Equal(a[..12], b[..12]);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void New_10000Calls_AreUnique()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(ids.Add(CaseIds.New(Given.T0)), "duplicate case id");
        }
    }
}
