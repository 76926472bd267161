using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitoring.Core.Detection;
using Monitoring.Hosting;
using Quartz;

namespace Monitoring.Detection;

public static class DetectionExtensions
{
    /// <summary>The detection pass, scheduled by Quartz every <c>Detection:Period</c>.</summary>
    public static IServiceCollection AddMonitoringDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DetectionOptions>(configuration, DetectionOptions.Section, o => o.Problems());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new MonitorSight(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.TryAddSingleton(sp => new LinkQualityWatch(sp.GetRequiredService<IOptions<DetectionOptions>>().Value));
        services.TryAddSingleton<DetectionMetrics>();
        services.TryAddSingleton<CaseEnrichment>();
        services.TryAddSingleton<DetectionRunner>();
        var period = configuration.GetSection(DetectionOptions.Section).Get<DetectionOptions>()?.Period ?? new DetectionOptions().Period;
        var interval = period > TimeSpan.Zero ? period : new DetectionOptions().Period;
        services.AddQuartz(quartz => quartz.ScheduleJob<DetectionJob>(
            trigger => trigger.WithIdentity("detection-pass-trigger", "monitoring").StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()),
            job => job.WithIdentity(DetectionJob.Key)));
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }
}
