using System.Globalization;
using KeyMeter.Adapters.Aggregation;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging;
using static KeyMeter.Adapters.Tests.Aggregation.AggregateTestData;

namespace KeyMeter.Adapters.Tests.Aggregation;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableAggregateStoreTests(AzuriteFixture azurite)
{
    private readonly TableProvider _tables = NewTables(azurite);
    private readonly RecordingLogger<TableAggregateStore> _logger = new();

    private TableAggregateStore Store() => new(_tables, _logger);

    private async Task<TableClient> TableAsync() => await _tables.GetAsync(AggregateKeys.TableName, CancellationToken.None);

    private async Task<string?> ETagOfAsync(string rowKey) =>
        (await (await TableAsync()).GetAsync(March, rowKey, CancellationToken.None)).ETag;

    private Task<AggregateCommit> CommitAsync(IReadOnlyList<string> recordIds, params AggregateRowWrite[] writes) =>
        Store().CommitAsync(March, recordIds, Day(20), writes, CancellationToken.None);

    [Fact]
    public async Task CommitAsync_NewRecords_InsertsMarkersAndRowsAndReturnsRowETags()
    {
        var daily = Daily(3, AggregateDimension.Organisation, 0, ("org", 2));
        var monthly = Monthly(AggregateDimension.Organisation, 0, ("org", 2));

        var commit = await CommitAsync(["rec-a", "rec-b"], Insert(daily), Insert(monthly));

        Assert.Equal(AggregateCommitOutcome.Committed, commit.Outcome);
        Assert.Equal<string?>([await ETagOfAsync(daily.RowKey), await ETagOfAsync(monthly.RowKey)], commit.ETags);
        var marker = await (await TableAsync()).GetAsync(March, AggregateKeys.MarkerRow("rec-b"), CancellationToken.None);
        Assert.Equal("2026-03-20", marker.Value!.GetString(TableAggregateStore.MarkerDayProperty));
        var loaded = await Store().LoadAsync(March, [Day(3)], includeMonthly: true, CancellationToken.None);
        Assert.Equal(2, loaded.Single(row => row.Row.RowKey == daily.RowKey).Row.Entries["org"].Requests);
    }

    [Fact]
    public async Task CommitAsync_RecordCountedBefore_AlreadyCountedNamingItAndWritesNothing()
    {
        var row = Daily(3, AggregateDimension.Organisation, 0, ("org", 1));
        var first = await CommitAsync(["rec-a"], Insert(row));
        var again = row.Clone();
        again.Add("org", Counters(1, 0.01m));
        var fresh = Daily(4, AggregateDimension.Organisation, 0, ("org", 1));

        var commit = await CommitAsync(["rec-b", "rec-a"], new AggregateRowWrite(again, first.ETags[0]), Insert(fresh));

        Assert.Equal(AggregateCommitOutcome.AlreadyCounted, commit.Outcome);
        Assert.Equal("rec-a", commit.CountedRecordId);
        Assert.Empty(commit.ETags);
        Assert.Equal(first.ETags[0], await ETagOfAsync(row.RowKey));
        Assert.Null(await ETagOfAsync(fresh.RowKey));
        Assert.Equal(["rec-a"], await Store().FindCountedAsync(March, ["rec-a", "rec-b"], CancellationToken.None));
        var stored = await Store().LoadAsync(March, [Day(3)], includeMonthly: false, CancellationToken.None);
        Assert.Equal(1, Assert.Single(stored).Row.Entries["org"].Requests);
    }

    [Fact]
    public async Task CommitAsync_StaleETag_ConflictAndWritesNothing()
    {
        var row = Daily(3, AggregateDimension.Organisation, 0, ("org", 1));
        var first = await CommitAsync(["rec-a"], Insert(row));
        var second = await CommitAsync(["rec-b"], new AggregateRowWrite(Daily(3, AggregateDimension.Organisation, 0, ("org", 2)), first.ETags[0]));

        var commit = await CommitAsync(["rec-c"], new AggregateRowWrite(Daily(3, AggregateDimension.Organisation, 0, ("org", 9)), first.ETags[0]));

        Assert.Equal(AggregateCommitOutcome.Committed, second.Outcome);
        Assert.Equal(AggregateCommit.Conflict, commit);
        Assert.Equal(second.ETags[0], await ETagOfAsync(row.RowKey));
        Assert.Empty(await Store().FindCountedAsync(March, ["rec-c"], CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_InsertOfExistingRow_ConflictAndWritesNothing()
    {
        var row = Daily(3, AggregateDimension.Organisation, 0, ("org", 1));
        var first = await CommitAsync(["rec-a"], Insert(row));

        var commit = await CommitAsync(["rec-b"], Insert(Daily(3, AggregateDimension.Organisation, 0, ("org", 5))));

        Assert.Equal(AggregateCommit.Conflict, commit);
        Assert.Equal(first.ETags[0], await ETagOfAsync(row.RowKey));
        Assert.Empty(await Store().FindCountedAsync(March, ["rec-b"], CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_UpdateOfMissingRow_Conflict()
    {
        var first = await CommitAsync(["rec-a"], Insert(Daily(3, AggregateDimension.Organisation, 0, ("org", 1))));

        var commit = await CommitAsync(["rec-b"], new AggregateRowWrite(Daily(4, AggregateDimension.Organisation, 0, ("org", 1)), first.ETags[0]));

        Assert.Equal(AggregateCommit.Conflict, commit);
        Assert.Empty(await Store().FindCountedAsync(March, ["rec-b"], CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_ExactlyHundredOperations_Commits()
    {
        var ids = Enumerable.Range(0, 99).Select(i => string.Create(CultureInfo.InvariantCulture, $"rec-{i:D3}")).ToList();

        var commit = await CommitAsync(ids, Insert(Daily(3, AggregateDimension.Organisation, 0, ("org", 99))));

        Assert.Equal(AggregateCommitOutcome.Committed, commit.Outcome);
        Assert.Single(commit.ETags);
        Assert.Equal(99, (await Store().FindCountedAsync(March, ids, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task CommitAsync_MoreThanHundredOrNoOperations_ThrowsArgumentException()
    {
        var ids = Enumerable.Range(0, 100).Select(i => string.Create(CultureInfo.InvariantCulture, $"rec-{i:D3}")).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => CommitAsync(ids, Insert(Daily(3, AggregateDimension.Organisation, 0, ("org", 1)))));
        await Assert.ThrowsAsync<ArgumentException>(() => CommitAsync([]));
    }

    [Fact]
    public async Task FindCountedAsync_FortyIdsSeventeenCounted_ReturnsExactlyThose()
    {
        var ids = Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"rec-{i:D2}")).ToList();
        ids[4] = "o'brien";
        ids[6] = "spaced id ü";
        var counted = ids.Where((_, i) => i % 2 == 0).Take(17).ToList();
        var notCounted = ids.Except(counted).ToList();
        await CommitAsync(counted);
        await Store().CommitAsync("2026-04", notCounted, Day(20), [], CancellationToken.None);
        await CommitAsync(["rec-other"]);

        var found = await Store().FindCountedAsync(March, ids, CancellationToken.None);

        Assert.Equal(counted.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        Assert.Contains("o'brien", found);
    }

    [Fact]
    public async Task LoadAsync_SomeDaysWithMonthly_ReturnsOnlyThoseRowsWithETags()
    {
        AggregateRow[] rows =
        [
            Daily(1, AggregateDimension.Organisation, 0, ("org", 1)),
            Daily(1, AggregateDimension.Key, 3, ("key_a", 1)),
            Daily(2, AggregateDimension.Organisation, 0, ("org", 2)),
            Daily(3, AggregateDimension.Organisation, 0, ("org", 3)),
            Daily(13, AggregateDimension.Organisation, 0, ("org", 13)),
            Monthly(AggregateDimension.Organisation, 0, ("org", 19)),
            Monthly(AggregateDimension.Key, 3, ("key_a", 1)),
        ];
        await CommitAsync(["rec-a"], [.. rows.Select(Insert)]);

        var withMonthly = await Store().LoadAsync(March, [Day(1), Day(3)], includeMonthly: true, CancellationToken.None);
        var dailyOnly = await Store().LoadAsync(March, [Day(1)], includeMonthly: false, CancellationToken.None);

        string[] expected = [rows[0].RowKey, rows[1].RowKey, rows[3].RowKey, rows[5].RowKey, rows[6].RowKey];
        Assert.Equal(expected.Order(StringComparer.Ordinal), withMonthly.Select(row => row.Row.RowKey).Order(StringComparer.Ordinal));
        foreach (var stored in withMonthly)
        {
            Assert.Equal(await ETagOfAsync(stored.Row.RowKey), stored.ETag);
        }

        Assert.Equal([rows[1].RowKey, rows[0].RowKey], dailyOnly.Select(row => row.Row.RowKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_UnreadableRow_SkipsItAndWarnsWithItsKeys()
    {
        var good = Daily(1, AggregateDimension.Organisation, 0, ("org", 1));
        await CommitAsync(["rec-a"], Insert(good));
        var broken = AggregateRowEntity.ToEntity(Daily(1, AggregateDimension.Model, 0, ("secret-model", 1)));
        broken[AggregateRowCodec.ChunkProperty(0)] = "[[\"secret-model\"";
        await (await TableAsync()).InsertAsync(broken, CancellationToken.None);

        var loaded = await Store().LoadAsync(March, [Day(1)], includeMonthly: false, CancellationToken.None);

        Assert.Equal(good.RowKey, Assert.Single(loaded).Row.RowKey);
        var warning = Assert.Single(_logger.Entries);
        Assert.Equal((LogLevel.Warning, 1450), (warning.Level, warning.EventId.Id));
        Assert.Contains(broken.RowKey, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", warning.Message, StringComparison.Ordinal);
    }
}
