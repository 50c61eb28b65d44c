using System.Collections.Concurrent;
using KeyMeter.Adapters.Aggregation;
using KeyMeter.Adapters.Storage;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Adapters.Tests.Aggregation;

/// <summary>The aggregator over the real Table adapter and Azurite: exactly once under redelivery, races and crashes.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class UsageAggregatorOnAzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AggregateAsync_EveryRecordThreeTimesInShuffledBatchesFromFourConsumers_EqualsOneDeliveryToTheCent()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var records = Many(400, keys: 20, seed: 21);
        var random = new Random(17);
        var deliveries = records.Concat(records).Concat(records).OrderBy(_ => random.Next()).ToList();
        var batches = new ConcurrentQueue<UsageRecord[]>(deliveries.Chunk(100));
        // Four consumers as four processes: each its own table client, cache and locks.
        var consumers = Enumerable.Range(0, 4).Select(_ => Aggregator(new TableAggregateStore(new TableProvider(azurite.Service, prefix), NullLogger<TableAggregateStore>.Instance))).ToList();

        var redelivered = 0;
        var results = await Task.WhenAll(consumers.Select(consumer => Task.Run(async () =>
        {
            var total = AggregationResult.Empty;
            while (batches.TryDequeue(out var batch))
            {
                try
                {
                    total = total.Add(await consumer.AggregateAsync(batch, CancellationToken.None));
                }
                catch (AggregationConflictException)
                {
                    // What usage-aggregate does under heavy contention: answer 500, and Service Bus delivers the batch again.
                    Interlocked.Increment(ref redelivered);
                    batches.Enqueue(batch);
                }
            }

            return total;
        })));

        var stored = await ReadAllAsync(prefix, records);
        Assert.Equal(Expected(records), Snapshot(stored));
        if (redelivered == 0)
        {
            Assert.Equal(records.Count, results.Sum(result => result.Counted));
            Assert.Equal(2 * records.Count, results.Sum(result => result.Duplicates));
        }
        else
        {
            // Part of a given-up batch may have committed before it gave up; its redelivery finds those as duplicates.
            Assert.True(results.Sum(result => result.Counted) <= records.Count);
        }

        var monthlyCost = stored.Where(row => row.IsMonthly && row.Dimension == AggregateDimension.Organisation).Sum(row => row.Total().CostUsd);
        Assert.Equal(records.Sum(record => record.CostUsd ?? 0m), monthlyCost);
    }

    [Fact]
    public async Task AggregateAsync_ConsumerKilledBetweenTransactionAndAcknowledgement_RedeliveryLosesNothingAndCountsNothingTwice()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var records = Many(300, keys: 50, seed: 4);
        var dying = new DyingStore(new TableAggregateStore(new TableProvider(azurite.Service, prefix), NullLogger<TableAggregateStore>.Instance), dieAfterCommit: 3);

        await Assert.ThrowsAsync<OperationCanceledException>(() => Aggregator(dying).AggregateAsync(records, CancellationToken.None));
        var restarted = Aggregator(new TableAggregateStore(new TableProvider(azurite.Service, prefix), NullLogger<TableAggregateStore>.Instance));
        var result = await restarted.AggregateAsync(records, CancellationToken.None);

        Assert.Equal(Expected(records), Snapshot(await ReadAllAsync(prefix, records)));
        Assert.True(result.Duplicates > 0, "the redelivery should have found records committed before the kill");
        Assert.Equal(records.Count, result.Counted + result.Duplicates);
    }

    private static UsageAggregator Aggregator(IAggregateStore store) => new(store, TimeProvider.System, NullLogger<UsageAggregator>.Instance);

    private async Task<List<AggregateRow>> ReadAllAsync(string prefix, IEnumerable<UsageRecord> records)
    {
        var reader = new TableAggregateStore(new TableProvider(azurite.Service, prefix), NullLogger<TableAggregateStore>.Instance);
        var rows = new List<AggregateRow>();
        foreach (var partition in records.Select(record => AggregateKeys.Partition(record.StartedAt)).Distinct())
        {
            Assert.True(AggregateKeys.TryParsePartition(partition, out var first));
            await foreach (var row in reader.ReadDailyAsync(partition, first, first.AddMonths(1).AddDays(-1), null, null, CancellationToken.None))
            {
                rows.Add(row);
            }

            await foreach (var row in reader.ReadMonthlyAsync(partition, null, CancellationToken.None))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>Commits for real, then "dies" on the given commit before the caller hears it succeeded.</summary>
    private sealed class DyingStore(IAggregateStore inner, int dieAfterCommit) : IAggregateStore
    {
        private int _commits;

        public Task<IReadOnlyList<StoredAggregateRow>> LoadAsync(string partition, IReadOnlyCollection<DateOnly> days, bool includeMonthly, CancellationToken cancellationToken) =>
            inner.LoadAsync(partition, days, includeMonthly, cancellationToken);

        public async Task<AggregateCommit> CommitAsync(string partition, IReadOnlyList<string> recordIds, DateOnly countedOn, IReadOnlyList<AggregateRowWrite> writes, CancellationToken cancellationToken)
        {
            var commit = await inner.CommitAsync(partition, recordIds, countedOn, writes, cancellationToken);
            if (commit.Outcome == AggregateCommitOutcome.Committed && Interlocked.Increment(ref _commits) == dieAfterCommit)
            {
                throw new OperationCanceledException("The process was killed after its transaction committed.");
            }

            return commit;
        }

        public Task<IReadOnlyList<AggregateRow>> LoadDimensionAsync(string partition, IReadOnlyCollection<DateOnly> days, AggregateDimension dimension, CancellationToken cancellationToken) =>
            inner.LoadDimensionAsync(partition, days, dimension, cancellationToken);

        public Task<IReadOnlySet<string>> FindCountedAsync(string partition, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken) =>
            inner.FindCountedAsync(partition, recordIds, cancellationToken);
    }
}
