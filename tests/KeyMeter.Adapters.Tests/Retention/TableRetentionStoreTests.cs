using System.Globalization;
using KeyMeter.Adapters.Retention;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Retention;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Adapters.Tests.Retention;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableRetentionStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Today 2026-03-10 with the defaults: markers counted before 2026-02-24 go, daily rows before 2025-02-03 go, and
    // 2025-01 ended before that.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 3, 30, 0, TimeSpan.Zero));
    private TableProvider _tables = null!;
    private TableClient _table = null!;
    private TableRetentionStore _store = null!;

    public async Task InitializeAsync()
    {
        _tables = new TableProvider(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]);
        _table = await _tables.GetAsync(AggregateKeys.TableName, None);
        _store = new TableRetentionStore(_tables);
    }

    public async Task DisposeAsync() => await _table.DeleteIfExistsAsync(None);

    private UsageRetention Retention(IRetentionStore store) =>
        new(store, Options.Create(new RetentionOptions()), _clock, NullLogger<UsageRetention>.Instance);

    private static TableEntity Marker(string partition, string recordId, string countedOn) =>
        new(partition, AggregateKeys.MarkerRow(recordId)) { ["Day"] = countedOn };

    private static TableEntity Daily(string day, string dimension = "org", int bucket = 0)
    {
        var date = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        return new TableEntity(AggregateKeys.Partition(date), AggregateKeys.DailyRow(date, Dimension(dimension), bucket)) { ["Period"] = day };
    }

    private static TableEntity Monthly(string partition, string dimension = "org", int bucket = 0) =>
        new(partition, AggregateKeys.MonthlyRow(Dimension(dimension), bucket)) { ["Period"] = partition };

    private static AggregateDimension Dimension(string name) =>
        AggregateDimension.TryParse(name, out var dimension) ? dimension.Value : throw new ArgumentException($"Unknown dimension {name}.", nameof(name));

    private async Task SeedAsync(params TableEntity[] entities)
    {
        foreach (var partition in entities.GroupBy(entity => entity.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                var result = await _table.SubmitTransactionAsync([.. chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.Insert, entity))], None);
                Assert.True(result.Succeeded);
            }
        }
    }

    private static TableEntity[] Markers(string partition, string countedOn, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Marker(partition, $"px_{countedOn}_{i:D3}", countedOn))];

    private async Task<List<string>> RowsAsync()
    {
        var rows = new List<string>();
        await foreach (var entity in _table.QueryAsync(new TableQuery(), None))
        {
            rows.Add(entity.PartitionKey + " " + entity.RowKey);
        }

        return rows;
    }

    [Fact]
    public async Task RunAsync_ThreeMonths_LeavesExactlyTheRowsInsideTheirWindows()
    {
        await SeedAsync(
            Monthly("2025-01"), Monthly("2025-01", "key", 3), Daily("2025-01-31"), Daily("2025-01-31", "line", 2), Marker("2025-01", "jan", "2025-01-31"),
            Monthly("2025-02"), Daily("2025-02-02"), Daily("2025-02-03"), Marker("2025-02", "feb", "2025-02-03"),
            Monthly("2026-02"), Daily("2026-02-01"), Marker("2026-02", "old", "2026-02-23"), Marker("2026-02", "edge", "2026-02-24"), Marker("2026-02", "late", "2026-03-01"));

        var run = await Retention(_store).RunAsync(None);

        Assert.Equal(new RetentionRun(3, 3, 1, Completed: true), run);
        Assert.Equal(
            [
                "2025-02 d|2025-02-03|org|0", "2025-02 m|org|0",
                "2026-02 d|2026-02-01|org|0", "2026-02 m|org|0", "2026-02 r|edge", "2026-02 r|late",
            ],
            await RowsAsync());
    }

    [Fact]
    public async Task RunAsync_250OldMarkers_DeletesThemInBatchesOfAtMost100()
    {
        await SeedAsync([Monthly("2026-02"), .. Markers("2026-02", "2026-02-01", 250), .. Markers("2026-02", "2026-03-01", 3)]);
        var recording = new RecordingRetentionStore(_store);

        var run = await Retention(recording).RunAsync(None);

        Assert.Equal(new RetentionRun(250, 0, 0, Completed: true), run);
        Assert.All(recording.DeleteSizes, size => Assert.InRange(size, 1, 100));
        Assert.True(recording.DeleteSizes.Count >= 3);
        Assert.Equal(["2026-02 m|org|0", "2026-02 r|px_2026-03-01_000", "2026-02 r|px_2026-03-01_001", "2026-02 r|px_2026-03-01_002"], await RowsAsync());
    }

    [Fact]
    public async Task RunAsync_RowDeletedBetweenReadAndDelete_DeletesTheRestWithoutFailing()
    {
        await SeedAsync([Monthly("2026-02"), .. Markers("2026-02", "2026-02-01", 20)]);
        var recording = new RecordingRetentionStore(_store);
        recording.BeforeDelete = async (partition, rowKeys) =>
        {
            recording.BeforeDelete = null;
            Assert.True((await _table.DeleteAsync(partition, rowKeys[5], None)).IsSuccess);
        };

        var run = await Retention(recording).RunAsync(None);

        Assert.True(run.Completed);
        Assert.Equal(["2026-02 m|org|0"], await RowsAsync());
    }

    [Fact]
    public async Task DeleteAsync_EveryRowAlreadyGone_Succeeds()
    {
        await SeedAsync(Monthly("2026-02"));

        await _store.DeleteAsync("2026-02", ["r|gone-1", "r|gone-2"], None);

        Assert.Equal(["2026-02 m|org|0"], await RowsAsync());
    }

    [Fact]
    public async Task ListPartitionsAsync_MonthlyRowsInSeveralPartitions_ReturnsEachOnceInOrder()
    {
        await SeedAsync(
            Monthly("2026-02"), Monthly("2026-02", "key", 0), Monthly("2026-02", "key", 1), Marker("2026-02", "a", "2026-02-01"),
            Monthly("2025-12"), Daily("2025-12-01"),
            Monthly("2026-01", "model"),
            Marker("2026-03", "markers-only", "2026-03-01"));

        Assert.Equal(["2025-12", "2026-01", "2026-02"], await _store.ListPartitionsAsync(None));
    }

    [Fact]
    public async Task ReadMarkersAsync_PagesFollowedByContinuation_ReturnEveryOldMarkerOnce()
    {
        await SeedAsync([Monthly("2026-02"), .. Markers("2026-02", "2026-02-01", 25), .. Markers("2026-02", "2026-02-24", 4)]);

        var found = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await _store.ReadMarkersAsync("2026-02", new DateOnly(2026, 2, 24), 10, continuation, None);
            Assert.InRange(page.RowKeys.Count, 0, 10);
            found.AddRange(page.RowKeys);
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null && pages < 20);

        Assert.Equal(Markers("2026-02", "2026-02-01", 25).Select(marker => marker.RowKey), found);
        Assert.True(pages >= 3);
    }
}
