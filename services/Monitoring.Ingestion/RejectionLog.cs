using Microsoft.Extensions.Logging;
using Monitoring.Core.Protocol;

namespace Monitoring.Ingestion;

/// <summary>Logs a refused message at most once per source per minute; the counter counts them all.</summary>
internal sealed partial class RejectionLog(ILogger<RejectionLog> logger, TimeProvider time)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private const int MaxSources = 10_000;
    private readonly Dictionary<string, DateTimeOffset> _lastLogged = new(StringComparer.Ordinal);

    public void Refused(string source, Rejection rejection)
    {
        var now = time.GetUtcNow();
        lock (_lastLogged)
        {
            if (_lastLogged.TryGetValue(source, out var last) && now - last < Quiet)
            {
                return;
            }

            if (_lastLogged.Count >= MaxSources)
            {
                _lastLogged.Clear();
            }

            _lastLogged[source] = now;
        }

        LogRefused(source, rejection.Reason.Label(), rejection.Detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a message from {Source} ({Reason}): {Detail}. Repeats from this source are counted but not logged for a minute")]
    private partial void LogRefused(string source, string reason, string detail);
}
