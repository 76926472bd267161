using Microsoft.Extensions.Logging;
using Quartz;

namespace Monitoring.Detection;

/// <summary>Runs a detection pass every <c>Detection:Period</c>; passes never overlap.</summary>
[DisallowConcurrentExecution]
public sealed partial class DetectionJob(DetectionRunner runner, ILogger<DetectionJob> logger) : IJob
{
    public static readonly JobKey Key = new("detection-pass", "monitoring");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await runner.RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next pass decides again from the same state; a failed pass must not stop the schedule.
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Detection pass failed; the next pass will retry")]
    private partial void LogFailed(Exception ex);
}
