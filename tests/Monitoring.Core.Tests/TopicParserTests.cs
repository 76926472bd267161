using Monitoring.Core.Protocol;

namespace Monitoring.Core.Tests;

public sealed class TopicParserTests
{
    private readonly TopicParser _parser = new("fleet");

    [Fact]
    public void TryParse_HeartbeatTopic_ReturnsTenantDeviceAndChannel()
    {
        Assert.True(_parser.TryParse("fleet/acme/gw-7/heartbeat", out var address, out var rejection));

        Assert.Null(rejection);
        Assert.Equal(new TopicAddress("acme", "gw-7", Channel.Heartbeat), address);
    }

    [Fact]
    public void TryParse_StatusTopic_ReturnsStatusChannel()
    {
        Assert.True(_parser.TryParse("fleet/default/sensor_1.a-B/status", out var address, out _));

        Assert.Equal(new TopicAddress("default", "sensor_1.a-B", Channel.Status), address);
    }

    [Fact]
    public void TryParse_IdsOf64Characters_Accepted()
    {
        var id = new string('a', 64);

        Assert.True(_parser.TryParse($"fleet/{id}/{id}/heartbeat", out var address, out _));

        Assert.Equal(id, address.Tenant);
        Assert.Equal(id, address.DeviceId);
    }

    [Fact]
    public void TryParse_ConfiguredRoot_UsesThatRoot()
    {
        var parser = new TopicParser("plant/north");

        Assert.True(parser.TryParse("plant/north/acme/d1/status", out var address, out _));
        Assert.Equal(new TopicAddress("acme", "d1", Channel.Status), address);
        Assert.False(parser.TryParse("fleet/acme/d1/status", out _, out _));
    }

    [Theory]
    [InlineData("other/acme/d1/heartbeat")]
    [InlineData("Fleet/acme/d1/heartbeat")]
    [InlineData("fleetX/acme/d1/heartbeat")]
    [InlineData("fleetXacme/d1/heartbeat")]
    [InlineData("fleet-acme/d1/status")]
    [InlineData("fleet")]
    [InlineData("fleet/")]
    [InlineData("")]
    public void TryParse_NotUnderRoot_RejectsAsTopic(string topic) => AssertRejected(topic);

    [Theory]
    [InlineData("fleet/acme/heartbeat")]
    [InlineData("fleet/acme")]
    [InlineData("fleet/acme/d1")]
    [InlineData("fleet/acme/d1/")]
    public void TryParse_TooFewSegments_RejectsAsTopic(string topic) => AssertRejected(topic);

    [Theory]
    [InlineData("fleet/acme/d1/heartbeat/extra")]
    [InlineData("fleet/acme/site/d1/heartbeat")]
    [InlineData("fleet/acme/d1/heartbeat/")]
    public void TryParse_TooManySegments_RejectsAsTopic(string topic) => AssertRejected(topic);

    [Theory]
    [InlineData("fleet/acme/d1/metrics")]
    [InlineData("fleet/acme/d1/Heartbeat")]
    [InlineData("fleet/acme/d1/STATUS")]
    [InlineData("fleet/acme/d1/heartbeats")]
    public void TryParse_UnknownChannel_RejectsAsTopic(string topic) => AssertRejected(topic);

    [Theory]
    [InlineData("fleet//d1/heartbeat")]
    [InlineData("fleet/acme//heartbeat")]
    public void TryParse_EmptyId_RejectsAsTopic(string topic) => AssertRejected(topic);

    [Fact]
    public void TryParse_DeviceIdOf65Characters_RejectsAsTopic() =>
        AssertRejected($"fleet/acme/{new string('d', 65)}/heartbeat");

    [Fact]
    public void TryParse_TenantOf65Characters_RejectsAsTopic() =>
        AssertRejected($"fleet/{new string('t', 65)}/d1/heartbeat");

    [Theory]
    [InlineData("fleet/acme/dev 1/heartbeat")]
    [InlineData("fleet/acme/+/heartbeat")]
    [InlineData("fleet/acme/#/heartbeat")]
    [InlineData("fleet/+/d1/status")]
    [InlineData("fleet/acme/gerät/heartbeat")]
    [InlineData("fleet/acme/d1😀/heartbeat")]
    [InlineData("fleet/ac me/d1/heartbeat")]
    [InlineData("fleet/acme/d:1/heartbeat")]
    public void TryParse_IllegalCharacterInId_RejectsAsTopic(string topic) => AssertRejected(topic);

    [Fact]
    public void TryParse_SlashInsideDeviceId_RejectsAsTopic() => AssertRejected("fleet/acme/gw/7/status");

    private void AssertRejected(string topic)
    {
        var accepted = _parser.TryParse(topic, out _, out var rejection);

        Assert.False(accepted);
        Assert.NotNull(rejection);
        Assert.Equal(RejectionReason.Topic, rejection.Reason);
        Assert.Equal("topic", rejection.Reason.Label());
    }
}
