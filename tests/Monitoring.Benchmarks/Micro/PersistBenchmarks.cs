using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Monitoring.Core.Devices;
using Monitoring.Storage;
using Monitoring.Storage.Sqlite;

namespace Monitoring.Benchmarks.Micro;

/// <summary>
/// The batch persist: <see cref="SqliteDeviceStore.SaveAsync"/> of 2000 changed devices (one ingestion batch) into a SQLite file
/// that already holds 100k devices, so every row is an upsert that updates, as in steady state.
/// </summary>
[MemoryDiagnoser]
public class PersistBenchmarks
{
    private const int FleetSize = 100_000;
    private const int Batch = 2000;
    private string _folder = "";
    private SqliteDatabase? _database;
    private SqliteDeviceStore? _store;
    private DeviceRecord[] _devices = [];
    private int _offset;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("monitoring-bench-persist-").FullName;
        _database = new SqliteDatabase(Options.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "m.db")}" }));
        _store = new SqliteDeviceStore(_database);
        var now = DateTimeOffset.UtcNow;
        _devices = Enumerable.Range(0, FleetSize).Select(i => SyntheticFleet.Device("sim", i, DeviceState.Online, now, 30)).ToArray();
        for (var i = 0; i < FleetSize; i += 10_000)
        {
            _store.SaveAsync(_devices[i..(i + 10_000)], [], [], CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "SqliteDeviceStore.SaveAsync, 2000 devices (whole records upserted into 100k)")]
    public Task SaveBatch() => _store!.SaveAsync(NextBatch(), [], [], CancellationToken.None);

    [Benchmark(Description = "SqliteDeviceStore.SaveAsync, 2000 devices (signs of life only, of 100k)")]
    public Task SaveSignsOfLife() => _store!.SaveAsync([], NextBatch(), [], CancellationToken.None);

    private DeviceRecord[] NextBatch()
    {
        var now = DateTimeOffset.UtcNow;
        var batch = new DeviceRecord[Batch];
        for (var i = 0; i < Batch; i++)
        {
            batch[i] = _devices[_offset + i] with { LastSeen = now };
        }

        _offset = (_offset + Batch) % FleetSize;
        return batch;
    }
}
