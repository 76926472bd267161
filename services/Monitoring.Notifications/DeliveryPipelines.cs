using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Monitoring.Notifications;

/// <summary>
/// The Polly pipelines deliveries run through: retry with jittered exponential backoff from
/// <c>Notifications:RetryBaseDelay</c>, around a circuit breaker kept per destination (so one dead receiver fails fast
/// without slowing the others), around a timeout per attempt.
/// </summary>
internal sealed class DeliveryPipelines(IOptions<NotificationOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _breakers = new(StringComparer.Ordinal);

    /// <param name="destination">The receiver whose circuit the delivery goes through.</param>
    /// <param name="attempts">Attempts this run may make (at least 1).</param>
    /// <param name="onRetry">Called after each failed attempt that will be retried, before the wait.</param>
    public ResiliencePipeline For(string destination, int attempts, Func<OnRetryArguments<object>, ValueTask> onRetry)
    {
        var o = options.Value;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                MaxDelay = TimeSpan.FromHours(1),
                OnRetry = onRetry,
            });
        }

        return builder
            .AddPipeline(_breakers.GetOrAdd(destination, _ => Breaker(o)))
            .AddTimeout(o.AttemptTimeout)
            .Build();
    }

    private ResiliencePipeline Breaker(NotificationOptions o) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromMinutes(1),
            BreakDuration = o.BreakDuration,
        })
        .Build();
}
