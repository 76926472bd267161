using Monitoring.Core.Maintenance;

namespace Monitoring.Core.Stores;

/// <summary>Durable maintenance windows. A removed window stays stored, ended at its removal.</summary>
public interface IMaintenanceStore
{
    /// <summary>Stores <paramref name="window"/> in place of the one with its tenant and id; true when it is new.</summary>
    Task<bool> PutAsync(MaintenanceWindow window, CancellationToken cancellationToken);

    Task<MaintenanceWindow?> FindAsync(string tenant, string id, CancellationToken cancellationToken);

    Task<Page<MaintenanceWindow>> ListAsync(MaintenanceQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Every window of every tenant still in effect at some moment after <paramref name="since"/>: those that ended
    /// since then, those in effect, and those yet to begin. A removed window that never took effect is left out.
    /// </summary>
    Task<IReadOnlyList<MaintenanceWindow>> InEffectSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
