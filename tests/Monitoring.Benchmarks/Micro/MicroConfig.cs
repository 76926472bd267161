using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Monitoring.Benchmarks.Micro;

/// <summary>
/// Short in-process jobs: a few warm-up and measured iterations each, so the suite runs in minutes on 2 cores.
/// In-process because the generated out-of-process project would inherit the repo's warnings-as-errors settings, and a
/// rebuild per run would cost more than the measurements.
/// </summary>
internal static class MicroConfig
{
    public static IConfig Create(string artifacts) => ManualConfig.CreateEmpty()
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithId("Short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
        .AddExporter(MarkdownExporter.GitHub)
        .WithArtifactsPath(artifacts)
        .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
}
