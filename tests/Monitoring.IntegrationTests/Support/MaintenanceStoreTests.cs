using Microsoft.Extensions.DependencyInjection;
using Monitoring.Core.Maintenance;
using Monitoring.Core.Stores;
using Monitoring.IntegrationTests.Infrastructure;
using Monitoring.Storage.Sqlite;

namespace Monitoring.IntegrationTests.Support;

/// <summary>What a detection pass reads of maintenance windows from the server's real SQLite store.</summary>
public sealed class MaintenanceStoreTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private static readonly DateTimeOffset Since = new(2031, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private IMaintenanceStore Store => fixture.Server.Services.GetRequiredService<IMaintenanceStore>();

    [Fact]
    public async Task InEffectSince_ReturnsEveryTenantsWindowsThatEndedSinceOrAreInEffectOrToCome_AndNoOthers()
    {
        var (a, b) = (UniqueId.New("ies"), UniqueId.New("ies"));
        await Store.PutAsync(Window(a, "ended-before", Since.AddHours(-3), Since.AddHours(-1)), default);
        await Store.PutAsync(Window(a, "ends-at-since", Since.AddHours(-3), Since), default);
        await Store.PutAsync(Window(a, "removed-since", Since.AddHours(-3), Since.AddHours(3)).RemovedAt(Since.AddMinutes(1)), default);
        await Store.PutAsync(Window(a, "removed-before", Since.AddHours(-3), Since.AddHours(3)).RemovedAt(Since.AddMinutes(-1)), default);
        await Store.PutAsync(Window(b, "in-effect", Since.AddHours(-1), Since.AddHours(1)), default);
        await Store.PutAsync(Window(b, "to-come", Since.AddDays(1), Since.AddDays(2)), default);
        await Store.PutAsync(Window(b, "removed-unstarted", Since.AddDays(1), Since.AddDays(2)).RemovedAt(Since.AddHours(1)), default);

        var found = (await Store.InEffectSinceAsync(Since, default)).Where(w => w.Tenant == a || w.Tenant == b).ToList();

        Assert.Equal(["in-effect", "removed-since", "to-come"], found.Select(w => w.Id).Order());
        var removed = Assert.Single(found, w => w.Id == "removed-since");
        Assert.Equal(Since.AddMinutes(1), removed.EndedAt);
        Assert.Equal(new MaintenanceScope(MaintenanceScope.Site, "site-17"), removed.Scope);
        Assert.Equal("cable work", removed.Reason);
    }

    [Theory]
    [InlineData(SqliteMaintenanceStore.InEffectSinceQuery, "maintenance_by_until")]
    [InlineData(SqliteCaseStore.OutagesStartedQuery, "cases_by_outage_start")]
    public async Task PerPassAndFigureQueries_ReadThroughTheirIndex(string query, string index)
    {
        var database = fixture.Server.Services.GetRequiredService<SqliteDatabase>();
        await using var connection = await database.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = $"EXPLAIN QUERY PLAN {query}";
        foreach (var name in new[] { "$since", "$tenant", "$from", "$to" }.Where(query.Contains))
        {
            command.Parameters.AddWithValue(name, name == "$tenant" ? "acme" : 0L);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.StartsWith("SEARCH", StringComparison.Ordinal) && step.Contains($"INDEX {index}", StringComparison.Ordinal));
    }

    private static MaintenanceWindow Window(string tenant, string id, DateTimeOffset from, DateTimeOffset to) => new()
    {
        Id = id,
        Tenant = tenant,
        Scope = new MaintenanceScope(MaintenanceScope.Site, "site-17"),
        From = from,
        To = to,
        Reason = "cable work",
        UpdatedAt = from,
    };
}
