using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Monitoring.Storage.Series;

namespace Monitoring.Storage.Influx;

/// <summary>
/// Sends one gzip line-protocol request through a Polly pipeline: a time limit on each attempt, retries with jittered
/// exponential backoff on a 5xx or a network error, and a circuit breaker that, after repeated failures, answers
/// "unavailable" at once so writes go to the spool without waiting. A 4xx is the data's fault: the refused lines are
/// counted from InfluxDB's error and the request is never retried.
/// </summary>
internal sealed partial class InfluxWriter
{
    private readonly IHttpClientFactory _http;
    private readonly InfluxEndpoint _endpoint;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly SeriesMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _databaseReady;
    private string? _lastFailure;

    public InfluxWriter(IHttpClientFactory http, InfluxEndpoint endpoint, InfluxOptions options, SeriesMetrics metrics, TimeProvider time, ILogger logger)
    {
        _http = http;
        _endpoint = endpoint;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _databaseReady = endpoint.IsV2;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            });
        }

        _pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.Timeout)
            .Build();
    }

    /// <summary>The latest problem InfluxDB had, or null once a write went through.</summary>
    public string? Problem { get; private set; }

    public async Task<WriteOutcome> WriteAsync(ReadOnlyMemory<byte> gzip, int lines, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            var outcome = await SendAsync(gzip, lines, cancellationToken);
            if (!outcome.Taken && outcome.Problem is not null && !_databaseReady && outcome.Problem.Contains("database not found", StringComparison.Ordinal))
            {
                await CreateDatabaseAsync(cancellationToken);
                outcome = await SendAsync(gzip, lines, cancellationToken);
            }

            Problem = outcome.Taken ? null : outcome.Problem;
            if (outcome.Taken)
            {
                _databaseReady = true;
            }

            return outcome;
        }
        finally
        {
            _metrics.WriteTook(_time.GetElapsedTime(started));
        }
    }

    private async Task<WriteOutcome> SendAsync(ReadOnlyMemory<byte> gzip, int lines, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(static async (state, token) =>
            {
                using var request = state._endpoint.Write(state.gzip);
                return await state._http.CreateClient(InfluxEndpoint.ClientName).SendAsync(request, token);
            }, (_endpoint, _http, gzip), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            return WriteOutcome.Unavailable($"InfluxDB failed repeatedly, writes wait in the spool; last failure: {_lastFailure}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _lastFailure = $"{ex.GetType().Name}: {ex.Message}";
            return WriteOutcome.Unavailable(_lastFailure);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return new WriteOutcome(true, 0, null);
            }

            var body = await ReadBodyAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is >= 400 and < 500 and not (401 or 403 or 404 or 408 or 429))
            {
                var refused = PartialWrite.RefusedLines(body, lines);
                LogRefused(refused, lines, status, body);
                return new WriteOutcome(true, refused, null);
            }

            _lastFailure = $"HTTP {status}: {body}";
            return WriteOutcome.Unavailable(_lastFailure);
        }
    }

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var statement = $"CREATE DATABASE \"{_endpoint.Database.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        using var request = _endpoint.InfluxQl(statement, onDatabase: false);
        try
        {
            using var response = await _http.CreateClient(InfluxEndpoint.ClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                LogCreated(_endpoint.Database);
                _databaseReady = true;
            }
        }
        catch (HttpRequestException ex)
        {
            LogCreateFailed(_endpoint.Database, ex.Message);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Length <= 2000 ? body : body[..2000];
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: BrokenCircuitException } => false,
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB refused {Refused} of {Lines} lines (HTTP {Status}): {Body}")]
    private partial void LogRefused(int refused, int lines, int status, string body);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the InfluxDB database {Database}")]
    private partial void LogCreated(string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create the InfluxDB database {Database}: {Reason}")]
    private partial void LogCreateFailed(string database, string reason);
}
