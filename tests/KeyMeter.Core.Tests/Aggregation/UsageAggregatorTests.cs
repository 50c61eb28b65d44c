using System.Collections.Concurrent;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Core.Tests.Aggregation;

public sealed class UsageAggregatorTests
{
    private static UsageAggregator Aggregator(IAggregateStore store) =>
        new(store, new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)), NullLogger<UsageAggregator>.Instance);

    private static UsageAggregator SystemTimeAggregator(IAggregateStore store) =>
        new(store, TimeProvider.System, NullLogger<UsageAggregator>.Instance);

    [Fact]
    public async Task AggregateAsync_SingleDelivery_EveryRowHoldsExactlyTheRecordsCountedOnce()
    {
        var store = new InMemoryAggregateStore();
        var records = Many(300);

        foreach (var batch in records.Chunk(100))
        {
            await Aggregator(store).AggregateAsync(batch, CancellationToken.None);
        }

        Assert.Equal(Expected(records), Snapshot(store.Rows()));
        Assert.Equal(300, store.Markers.Count);
        Assert.Equal(new DateOnly(2026, 11, 22), store.Markers.Values.Distinct().Single());
    }

    [Fact]
    public async Task AggregateAsync_EveryRecordThreeTimesInShuffledBatchesFromFourConsumers_EqualsOneDelivery()
    {
        var store = new InMemoryAggregateStore();
        var records = Many(600, keys: 20, seed: 11);
        var random = new Random(3);
        var deliveries = records.Concat(records).Concat(records).OrderBy(_ => random.Next()).ToList();
        var batches = new ConcurrentQueue<UsageRecord[]>(deliveries.Chunk(random.Next(40, 100)));
        // Interleave the consumers inside their commits, where a real race would happen.
        store.BeforeCommit = async () => await Task.Delay(Random.Shared.Next(0, 2));
        var consumers = Enumerable.Range(0, 4).Select(_ => SystemTimeAggregator(store)).ToList();

        var results = await Task.WhenAll(consumers.Select(consumer => Task.Run(async () =>
        {
            var total = AggregationResult.Empty;
            while (batches.TryDequeue(out var batch))
            {
                total = total.Add(await consumer.AggregateAsync(batch, CancellationToken.None));
            }

            return total;
        })));

        Assert.Equal(Expected(records), Snapshot(store.Rows()));
        Assert.Equal(600, results.Sum(result => result.Counted));
        Assert.Equal(1200, results.Sum(result => result.Duplicates));
        var organisation = store.Rows().Where(row => row.Dimension == AggregateDimension.Organisation && row.IsMonthly).Sum(row => row.Total().CostUsd);
        Assert.Equal(records.Sum(record => record.CostUsd ?? 0m), organisation);
    }

    [Fact]
    public async Task AggregateAsync_ProcessDiesBetweenCommitAndAcknowledgement_RedeliveryCountsNothingTwice()
    {
        var store = new InMemoryAggregateStore();
        var records = Many(250, keys: 40, seed: 5);
        store.AfterCommit = commit => throw new IOException($"process killed after commit {commit}");

        await Assert.ThrowsAsync<IOException>(() => Aggregator(store).AggregateAsync(records, CancellationToken.None));
        Assert.NotEmpty(store.Markers);
        Assert.True(store.Markers.Count < records.Count);

        // The host abandons the whole batch; a fresh process (empty cache) gets it again.
        store.AfterCommit = null;
        var result = await Aggregator(store).AggregateAsync(records, CancellationToken.None);

        Assert.Equal(Expected(records), Snapshot(store.Rows()));
        Assert.Equal(records.Count, store.Markers.Count);
        Assert.True(result.Duplicates > 0);
        Assert.Equal(records.Count, result.Counted + result.Duplicates);
    }

    [Fact]
    public async Task AggregateAsync_RowChangedSinceCached_RebuildsFromFreshRowsAndCountsOnce()
    {
        var store = new InMemoryAggregateStore();
        var aggregator = Aggregator(store);
        var first = Record("px_first");
        await aggregator.AggregateAsync([first], CancellationToken.None);
        var org = AggregateKeys.DailyRow(DateOnly.FromDateTime(Start.UtcDateTime), AggregateDimension.Organisation, 0);
        store.Touch("2026-11", org);

        var result = await aggregator.AggregateAsync([Record("px_second")], CancellationToken.None);

        Assert.Equal(1, result.Counted);
        Assert.Equal(1, result.Retries);
        Assert.Equal(2, store.Row("2026-11", org)!.Entries["all"].Requests);
    }

    [Fact]
    public async Task AggregateAsync_SteadyStreamOnOneDay_ReadsRowsOnceThenOnlyCommits()
    {
        var store = new InMemoryAggregateStore();
        var aggregator = Aggregator(store);

        await aggregator.AggregateAsync([Record("px_1")], CancellationToken.None);
        await aggregator.AggregateAsync([Record("px_2")], CancellationToken.None);
        await aggregator.AggregateAsync([Record("px_3")], CancellationToken.None);

        Assert.Equal(1, store.Loads);
        Assert.Equal(3, store.Commits);
        Assert.Equal(3, store.Row("2026-11", AggregateKeys.MonthlyRow(AggregateDimension.Organisation, 0))!.Entries["all"].Requests);
    }

    [Fact]
    public async Task AggregateAsync_TwentyActiveKeysInBatchesOf100_CostsAtMostATenthOfAnOperationPerRecord()
    {
        var store = new InMemoryAggregateStore();
        var aggregator = Aggregator(store);
        var records = Many(2000, keys: 20, seed: 9).Select(record => record with { StartedAt = Start.AddMinutes(record.LatencyMs % 600) }).ToList();
        records = [.. records.Select((record, i) => record with { StartedAt = Start.AddSeconds(i) })];

        foreach (var batch in records.Chunk(100))
        {
            await aggregator.AggregateAsync(batch, CancellationToken.None);
        }

        Assert.Equal(Expected(records), Snapshot(store.Rows()));
        Assert.InRange(store.Operations / (double)records.Count, 0.001, 0.1);
    }

    [Fact]
    public async Task AggregateAsync_BatchTouchingManyRows_SplitsIntoTransactionsOfAtMost100Operations()
    {
        var store = new InMemoryAggregateStore();
        // 100 keys with their own developers and tags: far more than 100 rows for one batch.
        var records = Enumerable.Range(0, 100).Select(i => Record(
            $"px_{i:d4}",
            keyId: "key_" + i.ToString("x20", System.Globalization.CultureInfo.InvariantCulture),
            owner: $"dev{i}@example.com",
            tags: new Dictionary<string, string> { ["team"] = "t" + i, ["project"] = "p" + i, ["cost-center"] = "c" + i })).ToList();

        var result = await Aggregator(store).AggregateAsync(records, CancellationToken.None);

        Assert.Equal(100, result.Counted);
        Assert.True(result.Transactions > 1);
        Assert.Equal(Expected(records), Snapshot(store.Rows()));
    }

    [Fact]
    public async Task AggregateAsync_SameIdTwiceInOneBatch_CountsItOnce()
    {
        var store = new InMemoryAggregateStore();

        var result = await Aggregator(store).AggregateAsync([Record("px_a"), Record("px_a"), Record("px_b")], CancellationToken.None);

        Assert.Equal(2, result.Counted);
        Assert.Equal(1, result.Duplicates);
        Assert.Equal(2, store.Row("2026-11", AggregateKeys.MonthlyRow(AggregateDimension.Organisation, 0))!.Entries["all"].Requests);
    }

    [Fact]
    public async Task AggregateAsync_RecordsOfTwoMonths_WritesEachToItsOwnPartition()
    {
        var store = new InMemoryAggregateStore();
        var october = Record("px_oct", startedAt: new DateTimeOffset(2026, 10, 31, 23, 59, 59, TimeSpan.Zero));
        var november = Record("px_nov", startedAt: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

        await Aggregator(store).AggregateAsync([november, october], CancellationToken.None);

        Assert.Contains(("2026-10", "px_oct"), store.Markers.Keys);
        Assert.Contains(("2026-11", "px_nov"), store.Markers.Keys);
        Assert.NotNull(store.Row("2026-10", AggregateKeys.DailyRow(new DateOnly(2026, 10, 31), AggregateDimension.Key, AggregateKeys.Bucket(october.KeyId, AggregateDimension.Key))));
    }

    [Fact]
    public async Task AggregateAsync_PartitionChangesOnEveryAttempt_GivesUpWithoutCountingTwice()
    {
        var store = new InMemoryAggregateStore();
        await SystemTimeAggregator(store).AggregateAsync([Record("px_seed")], CancellationToken.None);
        var org = AggregateKeys.MonthlyRow(AggregateDimension.Organisation, 0);
        store.BeforeCommit = () =>
        {
            store.TouchEveryShard("2026-11", org);
            return Task.CompletedTask;
        };

        await Assert.ThrowsAsync<AggregationConflictException>(() => SystemTimeAggregator(store).AggregateAsync([Record("px_late")], CancellationToken.None));

        Assert.Equal(1, store.Row("2026-11", org)!.Entries["all"].Requests);
        Assert.DoesNotContain(("2026-11", "px_late"), store.Markers.Keys);
    }

    [Fact]
    public async Task AggregateAsync_UnpricedAndEstimatedRecords_AreCountedAsSuchWithoutCost()
    {
        var store = new InMemoryAggregateStore();

        await Aggregator(store).AggregateAsync([Record("px_u", cost: null), Record("px_e", cost: 1.5m, estimated: true)], CancellationToken.None);

        var total = store.Row("2026-11", AggregateKeys.MonthlyRow(AggregateDimension.Organisation, 0))!.Entries["all"];
        Assert.Equal(2, total.Requests);
        Assert.Equal(1, total.UnpricedRequests);
        Assert.Equal(1, total.EstimatedRequests);
        Assert.Equal(1.5m, total.CostUsd);
        Assert.Equal(0.0008950m, total.CursorFeeUsd);
    }

    [Fact]
    public async Task AggregateAsync_NoRecords_TouchesNothing()
    {
        var store = new InMemoryAggregateStore();

        var result = await Aggregator(store).AggregateAsync([], CancellationToken.None);

        Assert.Equal(AggregationResult.Empty, result);
        Assert.Equal(0, store.Operations);
    }

    [Fact]
    public async Task AggregateAsync_CursorRecordWithoutKey_CountsUnderNoKeyAndItsDeveloper()
    {
        var store = new InMemoryAggregateStore();
        var record = Record("cu_1") with { Source = UsageSources.Cursor, KeyId = string.Empty };

        await Aggregator(store).AggregateAsync([record], CancellationToken.None);

        var keyRow = store.Row("2026-11", AggregateKeys.MonthlyRow(AggregateDimension.Key, AggregateKeys.Bucket(RecordDimensions.NoKey, AggregateDimension.Key)));
        Assert.Equal(1, keyRow!.Entries[RecordDimensions.NoKey].Requests);
        var developerRow = store.Row("2026-11", AggregateKeys.MonthlyRow(AggregateDimension.Developer, AggregateKeys.Bucket("dev@example.com", AggregateDimension.Developer)));
        Assert.Equal(1, developerRow!.Entries["dev@example.com"].Requests);
    }
}
