using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Core.Tests.Aggregation;

/// <summary>Writers in shards of their own, and records or stored rows that would overflow a sum.</summary>
public sealed class UsageAggregatorShardTests
{
    private const string KeyA = "key_0000000000000000aaaa";
    private static readonly DateOnly Day20 = new(2026, 11, 20);

    private static UsageAggregator Aggregator(IAggregateStore store) =>
        new(store, new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)), NullLogger<UsageAggregator>.Instance);

    private static List<UsageRecord> November(int count, int seed) =>
        [.. Many(count, keys: 10, seed: seed).Where(record => record.StartedAt.Month == 11)];

    [Fact]
    public async Task AggregateAsync_TwoWritersTakingTurns_SecondConflictMovesOneAwayThenNoMoreRetries()
    {
        var store = new InMemoryAggregateStore();
        var (first, second) = (Aggregator(store), Aggregator(store));
        var records = November(400, seed: 12);
        var batches = records.Chunk(20).ToList();

        var results = new List<AggregationResult>();
        for (var i = 0; i < batches.Count; i++)
        {
            results.Add(await (i % 2 == 0 ? first : second).AggregateAsync(batches[i], CancellationToken.None));
        }

        Assert.Equal(Expected(records), Snapshot(store.Rows()));
        Assert.Equal(1, results.Sum(result => result.Retries));
        Assert.Equal(0, results.Skip(4).Sum(result => result.Retries));
        Assert.Equal(2, store.Rows().Select(row => row.Shard).Distinct().Count());
    }

    [Fact]
    public async Task AggregateAsync_StoredRowNearLongMaxValue_RestOfItsMonthIsCountedInAnotherShard()
    {
        // What the code before record bounds left behind: a record of 2^63 - 1 input tokens, committed.
        var store = new InMemoryAggregateStore();
        var damaged = AggregateRow.Monthly("2026-11", AggregateDimension.Organisation, 0);
        damaged.Add("all", AggregateCounters.Zero with { Requests = 1, InputTokens = long.MaxValue - 10 });
        Assert.Equal(AggregateCommitOutcome.Committed, (await store.CommitAsync("2026-11", ["px_huge"], Day20, [new AggregateRowWrite(damaged, null)], CancellationToken.None)).Outcome);
        var records = November(150, seed: 3);

        var result = await Aggregator(store).AggregateAsync(records, CancellationToken.None);

        Assert.Equal(records.Count, result.Counted);
        Assert.Empty(result.Refused);
        Assert.Equal(Expected(records), Snapshot(store.Rows().Where(row => row.RowKey != damaged.RowKey)));
        Assert.Equal(long.MaxValue - 10, store.Rows().Single(row => row.RowKey == damaged.RowKey).Entries["all"].InputTokens);
    }

    [Fact]
    public async Task AggregateAsync_RecordOutsideItsBounds_RefusedNamingTheFieldAndTheRestCounted()
    {
        var store = new InMemoryAggregateStore();
        var good = Record("px_good", keyId: KeyA);
        var huge = Record("px_huge", keyId: KeyA) with { Tokens = new TokenUsage(long.MaxValue, 0, 0, 0, 0, 0) };
        var later = Record("px_later", keyId: KeyA);

        var result = await Aggregator(store).AggregateAsync([good, huge, later], CancellationToken.None);

        var refused = Assert.Single(result.Refused);
        Assert.Equal("px_huge", refused.RecordId);
        Assert.Contains("tokens.inputTokens", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(2, result.Counted);
        Assert.Equal(Expected([good, later]), Snapshot(store.Rows()));
        Assert.DoesNotContain(("2026-11", "px_huge"), store.Markers.Keys);
    }

    [Fact]
    public async Task KeySpendAsync_KeyCountedByTwoWritersInTwoShards_AddsUpEveryShard()
    {
        var store = new InMemoryAggregateStore();
        var (first, second) = (Aggregator(store), Aggregator(store));
        var at = new DateTimeOffset(Day20, new TimeOnly(10, 0), TimeSpan.Zero);
        await first.AggregateAsync([Record("r1", KeyA, at, cost: 1m)], CancellationToken.None);
        await second.AggregateAsync([Record("r2", KeyA, at, cost: 2m)], CancellationToken.None);
        await first.AggregateAsync([Record("r3", KeyA, at, cost: 4m)], CancellationToken.None);
        Assert.Equal(2, store.Rows().Select(row => row.Shard).Distinct().Count());

        var spend = await second.KeySpendAsync([Record("r2", KeyA, at, cost: 2m)], CancellationToken.None);

        Assert.Equal([new KeySpend(KeyA, Day20, 7m, 7m)], spend);
        Assert.Equal(1, store.DimensionLoads);
    }
}
