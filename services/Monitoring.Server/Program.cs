using Monitoring.Server;

try
{
    await MonitoringHost.Build(args).RunAsync();
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    Console.Error.WriteLine("Cannot start: the configuration has problems:");
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine($"  - {failure}");
    }

    return 2;
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("Roles:", StringComparison.Ordinal))
{
    Console.Error.WriteLine($"Cannot start: {ex.Message}");
    return 2;
}

return 0;
