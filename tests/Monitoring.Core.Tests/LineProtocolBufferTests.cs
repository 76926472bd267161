using System.Text;
using Monitoring.Core.Series;

namespace Monitoring.Core.Tests;

public sealed class LineProtocolBufferTests
{
    [Fact]
    public void Point_TagsFieldsAndTimestamp_WrittenInLineProtocolOrder()
    {
        var line = Line(b => b.Begin("device_metrics").Tag("tenant", "acme").Tag("device", "gw-7")
            .Field("rssi_dbm", -61.0).Field("latency_ms", 23.5).Field("up", 1L).End(1700000000123));
        Assert.Equal("device_metrics,tenant=acme,device=gw-7 rssi_dbm=-61,latency_ms=23.5,up=1i 1700000000123\n", line);
    }

    [Theory]
    [InlineData("Site 17, Hall B", @"Site\ 17\,\ Hall\ B")]
    [InlineData("a=b", @"a\=b")]
    [InlineData("ünï 🎉", @"ünï\ 🎉")]
    [InlineData(@"C:\temp", @"C:\temp")]
    [InlineData(@"back\\slash", @"back\\slash")]
    public void Tag_SpecialCharacters_EscapedAsInfluxReadsThem(string value, string written) =>
        Assert.Equal($"m,t={written} v=1 1\n", Line(b => b.Begin("m").Tag("t", value).Field("v", 1.0).End(1)));

    [Theory]
    [InlineData(@"ends\", "ends\u29F5")]
    [InlineData(@"a\,b", "a\u29F5\\,b")]
    [InlineData(@"a\ b", "a\u29F5\\ b")]
    [InlineData("two\nlines", @"two\ lines")]
    public void Tag_BackslashBeforeEscapeOrLineBreak_ReplacedSoTheLineStillParses(string value, string written) =>
        Assert.Equal($"m,t={written} v=1 1\n", Line(b => b.Begin("m").Tag("t", value).Field("v", 1.0).End(1)));

    [Fact]
    public void Tag_NullOrEmpty_LeftOut() =>
        Assert.Equal("m,b=x v=1 1\n", Line(b => b.Begin("m").Tag("a", null).Tag("b", "x").Tag("c", "").Field("v", 1.0).End(1)));

    [Fact]
    public void MeasurementAndKeys_CommaSpaceEquals_Escaped() =>
        Assert.Equal(@"my\ m\,x=y,k\=1\ 2=v f\,g\=h=1 1" + "\n",
            Line(b => b.Begin("my m,x=y").Tag("k=1 2", "v").Field("f,g=h", 1.0).End(1)));

    [Fact]
    public void StringField_QuotesAndBackslashes_Escaped() =>
        Assert.Equal("m s=\"say \\\"hi\\\" C:\\\\x\" 1\n", Line(b => b.Begin("m").Field("s", "say \"hi\" C:\\x").End(1)));

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(-0.0, "-0")]
    [InlineData(1e21, "1E+21")]
    [InlineData(123456789.123456789, "123456789.12345679")]
    [InlineData(double.Epsilon, "5E-324")]
    public void FloatField_ShortestRoundTrip_WithoutIntegerSuffix(double value, string written) =>
        Assert.Equal($"m v={written} 1\n", Line(b => b.Begin("m").Field("v", value).End(1)));

    [Fact]
    public void FloatField_NotFinite_Refused()
    {
        using var buffer = new LineProtocolBuffer();
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Begin("m").Field("v", double.NaN));
    }

    [Fact]
    public void Point_WithoutField_RefusedAndNotCounted()
    {
        using var buffer = new LineProtocolBuffer();
        Assert.Throws<InvalidOperationException>(() => buffer.Begin("m").Tag("t", "x").End(1));
        Assert.Equal(0, buffer.LineCount);
        Assert.Equal(0, buffer.Written.Length);
    }

    [Fact]
    public void ManyLines_GrowPastTheFirstBuffer_AllKept()
    {
        using var buffer = new LineProtocolBuffer(16);
        for (var i = 0; i < 1000; i++)
        {
            buffer.Begin("m").Tag("site", new string('s', 200)).Field("v", (long)i).End(i);
        }

        var text = Encoding.UTF8.GetString(buffer.Written);
        Assert.Equal(1000, buffer.LineCount);
        Assert.Equal(1000, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith(" v=999i 999\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_StartsOver()
    {
        using var buffer = new LineProtocolBuffer();
        buffer.Begin("m").Field("v", 1L).End(1);
        buffer.Clear();
        buffer.Begin("n").Field("v", 2L).End(2);
        Assert.Equal("n v=2i 2\n", Encoding.UTF8.GetString(buffer.Written));
        Assert.Equal(1, buffer.LineCount);
    }

    private static string Line(Action<LineProtocolBuffer> write)
    {
        using var buffer = new LineProtocolBuffer();
        write(buffer);
        return Encoding.UTF8.GetString(buffer.Written);
    }
}
