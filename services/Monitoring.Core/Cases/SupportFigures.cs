using Monitoring.Core.Stores;

namespace Monitoring.Core.Cases;

/// <summary>
/// The figures that show whether support is getting better, over the cases whose outage began in [<see cref="From"/>,
/// <see cref="To"/>). A figure with nothing to average is null, never an invented 0. Cases folded into a larger one
/// (<c>merged</c>) are not outages of their own and count nowhere; <c>fleet_incident</c> cases are the monitor's own
/// trouble, counted in <see cref="CasesOpened"/> only.
/// </summary>
public sealed record SupportFigures
{
    public DateTimeOffset From { get; init; }
    public DateTimeOffset To { get; init; }

    /// <summary>Mean of <c>openedAt − outageStartedAt</c> over the outages.</summary>
    public double? MeanTimeToDetectSeconds { get; init; }

    /// <summary>Of the outages a customer contacted support about, the share whose case opened no later than the first contact.</summary>
    public double? DetectedBeforeContactRatio { get; init; }

    /// <summary>Of the resolved outages, the share that resolved by themselves (<c>auto_recovered</c>).</summary>
    public double? AutoRecoveredRatio { get; init; }

    /// <summary>Mean of <c>resolvedAt − openedAt</c> over the resolved outages.</summary>
    public double? MeanTimeToResolveSeconds { get; init; }

    /// <summary>Cases by kind, every kind named.</summary>
    public IReadOnlyDictionary<string, int> CasesOpened { get; init; } = new Dictionary<string, int>();

    /// <summary>The cases the figures are computed over.</summary>
    public int Outages { get; init; }

    /// <summary>Customer contacts recorded within the range, whether or not they belong to a case.</summary>
    public int Contacts { get; init; }

    /// <summary>
    /// Computes the figures from a tenant's <paramref name="cases"/> and <paramref name="contacts"/> (others outside the
    /// range are ignored). An unresolved case's contacts are those up to <paramref name="now"/>.
    /// </summary>
    public static SupportFigures Compute(
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, IEnumerable<SupportCase> cases, IReadOnlyCollection<SupportContact> contacts)
    {
        var opened = CaseKind.All.ToDictionary(k => k, _ => 0);
        var firstContacts = new FirstContactFinder(contacts);
        int outages = 0, contacted = 0, detectedFirst = 0, resolved = 0, autoRecovered = 0;
        TimeSpan detecting = TimeSpan.Zero, resolving = TimeSpan.Zero;
        foreach (var c in cases)
        {
            if (c.OutageStartedAt < from || c.OutageStartedAt >= to || c.Resolution == CaseResolution.Merged)
            {
                continue;
            }

            opened[c.Kind] = opened.GetValueOrDefault(c.Kind) + 1;
            if (c.Kind == CaseKind.FleetIncident)
            {
                continue;
            }

            outages++;
            detecting += c.OpenedAt - c.OutageStartedAt;
            if (firstContacts.First(c, c.ResolvedAt ?? now) is { } first)
            {
                contacted++;
                detectedFirst += c.OpenedAt <= first ? 1 : 0;
            }

            if (c.ResolvedAt is { } resolvedAt)
            {
                resolved++;
                autoRecovered += c.Resolution == CaseResolution.AutoRecovered ? 1 : 0;
                resolving += resolvedAt - c.OpenedAt;
            }
        }

        return new SupportFigures
        {
            From = from,
            To = to,
            MeanTimeToDetectSeconds = outages == 0 ? null : detecting.TotalSeconds / outages,
            DetectedBeforeContactRatio = contacted == 0 ? null : (double)detectedFirst / contacted,
            AutoRecoveredRatio = resolved == 0 ? null : (double)autoRecovered / resolved,
            MeanTimeToResolveSeconds = resolved == 0 ? null : resolving.TotalSeconds / resolved,
            CasesOpened = opened,
            Outages = outages,
            Contacts = contacts.Count(k => k.At >= from && k.At < to),
        };
    }

    /// <summary>A case's first contact: one naming a device of the case, or naming no device but the case's customer.</summary>
    private sealed class FirstContactFinder(IReadOnlyCollection<SupportContact> contacts)
    {
        private readonly ILookup<string, DateTimeOffset> _byDevice = contacts
            .Where(k => k.Device is not null).ToLookup(k => k.Device!, k => k.At, StringComparer.Ordinal);

        private readonly ILookup<string, DateTimeOffset> _byCustomer = contacts
            .Where(k => k.Device is null && k.Customer is not null).ToLookup(k => k.Customer!, k => k.At, StringComparer.Ordinal);

        public DateTimeOffset? First(SupportCase c, DateTimeOffset until)
        {
            DateTimeOffset? first = null;
            foreach (var device in c.Devices)
            {
                first = Earliest(first, _byDevice[device], c.OutageStartedAt, until);
            }

            return c.Customer is null ? first : Earliest(first, _byCustomer[c.Customer], c.OutageStartedAt, until);
        }

        private static DateTimeOffset? Earliest(DateTimeOffset? first, IEnumerable<DateTimeOffset> times, DateTimeOffset from, DateTimeOffset until)
        {
            foreach (var at in times)
            {
                if (at >= from && at <= until && (first is null || at < first))
                {
                    first = at;
                }
            }

            return first;
        }
    }
}
