using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Monitoring.Core.Cases;
using Monitoring.Core.Notifications;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Storage;
using Monitoring.Storage.Sqlite;

namespace Monitoring.IntegrationTests.Notifications;

/// <summary>
/// The outbox on a real SQLite file, worked by two workers with connections of their own (as two processes would):
/// rows are written with their case change or not at all, a leased row goes to one worker only, and a lapsed lease
/// lets another take it while the first can no longer mark it.
/// </summary>
public sealed class OutboxClaimTests : IDisposable
{
    private static readonly IReadOnlyList<string> Tickets = ["a", "b"];
    private readonly TempFolder _data = new();

    [Fact]
    public async Task TwoWorkersClaimingAtOnce_NeverGetTheSameRow_AndTogetherGetEveryRow()
    {
        using var first = Database();
        using var second = Database();
        var now = DateTimeOffset.UtcNow;
        var written = await WriteOpenedCasesAsync(first, 60, now);

        var claims = await Task.WhenAll(ClaimAllAsync(new SqliteOutbox(first), "w1", now), ClaimAllAsync(new SqliteOutbox(second), "w2", now));

        Assert.Empty(claims[0].Intersect(claims[1]));
        Assert.Equal(written.Order(), claims[0].Concat(claims[1]).Order());
    }

    [Fact]
    public async Task LapsedLease_IsClaimedAgain_AndTheFirstWorkerCanNoLongerMarkIt()
    {
        using var database = Database();
        var outbox = new SqliteOutbox(database);
        var now = DateTimeOffset.UtcNow;
        var written = await WriteOpenedCasesAsync(database, 1, now);
        var lease = TimeSpan.FromSeconds(30);

        var taken = await outbox.ClaimDueAsync("killed", now, lease, 10, CancellationToken.None);
        var whileHeld = await outbox.ClaimDueAsync("other", now + lease - TimeSpan.FromSeconds(1), lease, 10, CancellationToken.None);
        var retaken = await outbox.ClaimDueAsync("other", now + lease, lease, 10, CancellationToken.None);
        await outbox.MarkDeliveredAsync(written, "killed", 1, now + lease, CancellationToken.None);
        var stillPending = await outbox.ListAsync(Given.Tenant, DeliveryStatus.Pending, 10, null, CancellationToken.None);
        await outbox.MarkDeliveredAsync(written, "other", 1, now + lease, CancellationToken.None);
        var delivered = await outbox.ListAsync(Given.Tenant, DeliveryStatus.Delivered, 10, null, CancellationToken.None);

        Assert.Equal(written.Order(), taken.Select(d => d.Id).Order());
        Assert.Empty(whileHeld);
        Assert.Equal(written.Order(), retaken.Select(d => d.Id).Order());
        Assert.Equal(written.Count, stillPending.Items.Count);
        Assert.Equal(written.Count, delivered.Items.Count);
        Assert.Empty(await outbox.ClaimDueAsync("third", now + 3 * lease, lease, 10, CancellationToken.None));
    }

    [Fact]
    public async Task CaseChangeThatLosesItsRace_WritesNoNotifications()
    {
        using var database = Database();
        var store = new SqliteCaseStore(database);
        var now = DateTimeOffset.UtcNow;
        await WriteOpenedCasesAsync(database, 1, now);
        var current = Assert.Single(await store.LoadCurrentAsync(now, CancellationToken.None));
        var stale = current with { Version = current.Version - 1, Status = CaseStatus.Acknowledged };

        var conflicts = await store.SaveAsync([], [stale], Plan(now), CancellationToken.None);
        var applied = await store.SaveAsync([], [current with { Status = CaseStatus.Acknowledged }], Plan(now), CancellationToken.None);

        Assert.Equal([current.Id], conflicts);
        Assert.Empty(applied);
        var rows = (await new SqliteOutbox(database).ListAsync(Given.Tenant, null, 100, null, CancellationToken.None)).Items;
        Assert.Equal(2, rows.Count(r => r.Event == NotificationEvent.CaseUpdated));
        Assert.Equal(CaseStatus.Acknowledged, rows.First(r => r.Event == NotificationEvent.CaseUpdated).Case.Status);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private SqliteDatabase Database() => new(Options.Create(new StorageOptions { ConnectionString = _data.SqliteConnectionString }));

    private static OutboxPlan Plan(DateTimeOffset now) => (before, after) => NotificationPlanner.Plan(before, after, null, Tickets, now);

    private static async Task<List<string>> WriteOpenedCasesAsync(SqliteDatabase database, int count, DateTimeOffset now)
    {
        var cases = Enumerable.Range(0, count).Select(i => new SupportCase
        {
            Id = CaseIds.New(now),
            Tenant = Given.Tenant,
            Kind = CaseKind.DeviceOffline,
            Subject = new CaseSubject(CaseSubject.Device, $"d{i}"),
            Devices = [$"d{i}"],
            Title = $"Device d{i} offline",
            SuspectedCause = "silent",
            OutageStartedAt = now,
            OpenedAt = now,
        }).ToList();
        var plan = Plan(now);
        await new SqliteCaseStore(database).SaveAsync(cases, [], plan, CancellationToken.None);
        return cases.SelectMany(c => plan(null, c)).Select(m => m.Id).ToList();
    }

    private static async Task<List<string>> ClaimAllAsync(SqliteOutbox outbox, string worker, DateTimeOffset now)
    {
        var mine = new List<string>();
        while (true)
        {
            var batch = await outbox.ClaimDueAsync(worker, now, TimeSpan.FromMinutes(5), 7, CancellationToken.None);
            if (batch.Count == 0)
            {
                return mine;
            }

            mine.AddRange(batch.Select(d => d.Id));
            await Task.Yield();
        }
    }

    private static class Given
    {
        public const string Tenant = "claims";
    }
}
