using KeyMeter.Adapters.Aggregation;
using KeyMeter.Core.Aggregation;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static KeyMeter.Adapters.Tests.Aggregation.AggregateTestData;

namespace KeyMeter.Adapters.Tests.Aggregation;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableAggregateStoreReadTests(AzuriteFixture azurite)
{
    private static readonly AggregateDimension Team = AggregateDimension.Tag("team");

    /// <summary>Days 1 to 5 of March: org, every key bucket and tag.team rows, plus org and key monthly rows.</summary>
    private async Task<TableAggregateStore> SeededStoreAsync()
    {
        var store = new TableAggregateStore(NewTables(azurite), NullLogger<TableAggregateStore>.Instance);
        var writes = new List<AggregateRowWrite>();
        for (var day = 1; day <= 5; day++)
        {
            writes.Add(Insert(Daily(day, AggregateDimension.Organisation, 0, ("org", day))));
            writes.Add(Insert(Daily(day, Team, 0, ("checkout", day))));
            for (var bucket = 0; bucket < AggregateDimension.Key.Buckets; bucket++)
            {
                writes.Add(Insert(Daily(day, AggregateDimension.Key, bucket, ($"key_{bucket}", day))));
            }
        }

        writes.Add(Insert(Monthly(AggregateDimension.Organisation, 0, ("org", 15))));
        writes.Add(Insert(Monthly(AggregateDimension.Key, 1, ("key_1", 15))));
        writes.Add(Insert(Monthly(AggregateDimension.Key, 2, ("key_2", 15))));
        var commit = await store.CommitAsync(March, ["rec-seed"], Day(31), writes, CancellationToken.None);
        Assert.Equal(AggregateCommitOutcome.Committed, commit.Outcome);
        return store;
    }

    private static async Task<List<AggregateRow>> ToListAsync(IAsyncEnumerable<AggregateRow> rows)
    {
        var list = new List<AggregateRow>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }

    [Fact]
    public async Task ReadDailyAsync_Range_IncludesFirstAndLastAndNothingOutside()
    {
        var store = await SeededStoreAsync();

        var rows = await ToListAsync(store.ReadDailyAsync(March, Day(2), Day(4), dimension: null, bucket: null, CancellationToken.None));

        Assert.Equal(3 * 6, rows.Count);
        Assert.Equal(["2026-03-02", "2026-03-03", "2026-03-04"], rows.Select(row => row.Period).Distinct());
        Assert.Equal(rows.Select(row => row.RowKey).Order(StringComparer.Ordinal), rows.Select(row => row.RowKey));
        Assert.Equal(3, rows.Single(row => row.RowKey == AggregateKeys.DailyRow(Day(3), Team, 0)).Entries["checkout"].Requests);
    }

    [Fact]
    public async Task ReadDailyAsync_OneDay_ReturnsOnlyThatDay()
    {
        var store = await SeededStoreAsync();

        var rows = await ToListAsync(store.ReadDailyAsync(March, Day(5), Day(5), dimension: null, bucket: null, CancellationToken.None));

        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.Equal("2026-03-05", row.Period));
    }

    [Fact]
    public async Task ReadDailyAsync_DimensionAndBucket_FiltersRows()
    {
        var store = await SeededStoreAsync();

        var keys = await ToListAsync(store.ReadDailyAsync(March, Day(1), Day(5), AggregateDimension.Key, bucket: null, CancellationToken.None));
        var bucket = await ToListAsync(store.ReadDailyAsync(March, Day(1), Day(5), AggregateDimension.Key, 2, CancellationToken.None));
        var team = await ToListAsync(store.ReadDailyAsync(March, Day(2), Day(3), Team, 0, CancellationToken.None));

        Assert.Equal(5 * 4, keys.Count);
        Assert.All(keys, row => Assert.Equal(AggregateDimension.Key, row.Dimension));
        Assert.Equal(5, bucket.Count);
        Assert.All(bucket, row => Assert.Equal(["key_2"], row.Entries.Keys));
        Assert.Equal([AggregateKeys.DailyRow(Day(2), Team, 0), AggregateKeys.DailyRow(Day(3), Team, 0)], team.Select(row => row.RowKey));
    }

    [Fact]
    public void ReadDailyAsync_DayOutsidePartitionOrReversedRange_Throws()
    {
        var store = new TableAggregateStore(NewTables(azurite), NullLogger<TableAggregateStore>.Instance);

        Assert.Throws<ArgumentException>(() => store.ReadDailyAsync(March, Day(1), new DateOnly(2026, 4, 1), null, null, CancellationToken.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ReadDailyAsync(March, Day(4), Day(2), null, null, CancellationToken.None));
    }

    [Fact]
    public async Task ReadMonthlyAsync_WithAndWithoutDimension_ReturnsMonthlyRowsOnly()
    {
        var store = await SeededStoreAsync();

        var all = await ToListAsync(store.ReadMonthlyAsync(March, dimension: null, CancellationToken.None));
        var keys = await ToListAsync(store.ReadMonthlyAsync(March, AggregateDimension.Key, CancellationToken.None));

        Assert.Equal([AggregateKeys.MonthlyRow(AggregateDimension.Key, 1), AggregateKeys.MonthlyRow(AggregateDimension.Key, 2), AggregateKeys.MonthlyRow(AggregateDimension.Organisation, 0)], all.Select(row => row.RowKey));
        Assert.All(all, row => Assert.True(row.IsMonthly));
        Assert.Equal([1, 2], keys.Select(row => row.Bucket));
        Assert.Equal(15, keys[0].Entries["key_1"].Requests);
    }
}
