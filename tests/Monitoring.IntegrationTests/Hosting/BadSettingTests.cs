using Microsoft.Extensions.Options;
using Monitoring.IntegrationTests.Infrastructure;

namespace Monitoring.IntegrationTests.Hosting;

/// <summary>A bad setting stops the start with a message that names the key, instead of running half-configured.</summary>
public sealed class BadSettingTests
{
    [Theory]
    [InlineData("Detection:MissedHeartbeats", "0")]
    [InlineData("Mqtt:Mode", "Bogus")]
    [InlineData("Api:AdminKey", "short")]
    [InlineData("Notifications:MaxAttempts", "0")]
    [InlineData("Notifications:RetryBaseDelay", "-00:00:01")]
    [InlineData("Notifications:Smtp:From", "nobody")]
    [InlineData("Notifications:Tickets:jira:Url", "jira.example/hook")]
    [InlineData("Cases:PlaybookFile", "/nonexistent/playbooks.json")]
    [InlineData("Cases:EscalateAfter", "-00:01:00")]
    [InlineData("Detection:Degraded:HB-200:LossAbove", "150")]
    public async Task InvalidSetting_FailsTheStart_NamingTheKey(string key, string value)
    {
        using var data = new TempFolder();
        var arguments = ServerArguments.Defaults(data.Path).Set(key, value);
        await using var app = MonitoringServer.Build(arguments);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key, refused.Message);
    }

    [Theory]
    [InlineData("ingest,bogus", "bogus")]
    [InlineData("detect,api", "detect without ingest")]
    public void UnusableRoles_FailTheBuild_NamingRolesAndWhy(string roles, string why)
    {
        using var data = new TempFolder();
        var arguments = ServerArguments.Defaults(data.Path).Set("Roles", roles);

        var refused = Assert.Throws<InvalidOperationException>(() => MonitoringServer.Build(arguments));

        Assert.StartsWith("Roles:", refused.Message);
        Assert.Contains(why, refused.Message);
    }

    [Fact]
    public async Task ServerBinary_WithInvalidSetting_ExitsWithCode2_AndSaysWhichKey()
    {
        using var data = new TempFolder();
        var arguments = ServerArguments.Defaults(data.Path).Set("Detection:MissedHeartbeats", "0");

        var (exitCode, output) = await ServerProcess.RunToExitAsync(arguments, TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 2, $"exit code {exitCode}, output:\n{output}");
        Assert.Contains("Detection:MissedHeartbeats", output);
    }
}
