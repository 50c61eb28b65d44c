using System.Collections.Concurrent;
using KeyMeter.Core.Metering;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// Counts usage records into the aggregates exactly once, however often and in whatever order they arrive
/// (README, Architecture). Records are grouped by month partition; for each partition a few entity-group
/// transactions each insert their records' markers and replace the aggregate rows they add to under the rows' ETags.
/// An existing marker means the record was counted before; a changed row means another writer got there first.
/// </summary>
/// <remarks>
/// <para>
/// Each writer (one per process and partition) adds to rows of its own shard (<see cref="AggregateKeys"/>), so writers
/// side by side do not take turns on the month's organisation row. A writer starts on shard 0, the layout a single
/// writer always had; when a transaction finds one of its rows changed by someone else, or a stored row that cannot
/// take more without leaving its bounds (<see cref="AggregateCounters.IsWithinBounds"/>), the writer moves to another
/// shard at random and builds the transaction again there. Markers stay one per record, shard or not, so a record
/// redelivered to another writer is still recognised.
/// </para>
/// <para>
/// The rows of the days being written are kept in memory between batches with their ETags, so a steady stream costs
/// about one transaction per 30–50 records and no reads. One batch at a time writes a given partition in this process.
/// </para>
/// </remarks>
public sealed class UsageAggregator(IAggregateStore store, TimeProvider time, ILogger<UsageAggregator> logger)
{
    /// <summary>Table Storage's limit on operations in one entity-group transaction.</summary>
    public const int MaxOperations = 100;

    /// <summary>Attempts without progress before a partition gives up and the batch is redelivered.</summary>
    public const int MaxAttempts = 25;

    /// <summary>Days of rows kept in memory per partition before the cache starts over.</summary>
    private const int MaxCachedDays = 40;

    private readonly ConcurrentDictionary<string, AggregatorPartition> _partitions = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts <paramref name="records"/>; throws when a transient failure leaves some of them uncounted. A record that
    /// can never be counted (<see cref="UsageRecordReader.Check"/>) is not counted and comes back in
    /// <see cref="AggregationResult.Refused"/>, so it cannot fail the others.
    /// </summary>
    /// <exception cref="AggregationConflictException">A partition kept changing concurrently.</exception>
    public async Task<AggregationResult> AggregateAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);

        // 1. One of each id: a batch may hold the same record twice.
        var unique = records.DistinctBy(record => record.Id, StringComparer.Ordinal).ToList();

        // 2. Records outside their bounds are refused, not thrown: one bad record must not stop the others.
        var refused = new List<RefusedRecord>();
        var countable = new List<RecordContribution>(unique.Count);
        foreach (var record in unique)
        {
            if (UsageRecordReader.Check(record) is { } reason)
            {
                refused.Add(new RefusedRecord(record.Id, reason));
                AggregationLog.Refused(logger, record.Id, reason);
                continue;
            }

            countable.Add(RecordContribution.Of(record));
        }

        var result = AggregationResult.Empty with { Duplicates = records.Count - unique.Count, Refused = refused };

        // 3. Each month partition on its own; clustered by day and key so a transaction touches few rows.
        foreach (var partition in countable.GroupBy(contribution => AggregateKeys.Partition(contribution.Day)).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var pending = partition
                .OrderBy(contribution => contribution.Day)
                .ThenBy(contribution => contribution.Record.KeyId, StringComparer.Ordinal)
                .ToList();
            var cache = _partitions.GetOrAdd(partition.Key, key => new AggregatorPartition(key));
            await cache.Lock.WaitAsync(cancellationToken);
            try
            {
                result = result.Add(await AggregatePartitionAsync(cache, pending, cancellationToken));
            }
            finally
            {
                cache.Lock.Release();
            }
        }

        return result;
    }

    /// <summary>
    /// The spend, after counting, of every key and day in <paramref name="records"/> (counted now or before: a
    /// redelivered batch reports the same figures again). Read fresh from storage over every shard, one query per day
    /// and one for the month per partition: a writer's own rows are not the whole figure once several writers count
    /// side by side, and of two writers that commit at the same time the one that reads last sees both.
    /// </summary>
    public async Task<IReadOnlyList<KeySpend>> KeySpendAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var spend = new List<KeySpend>();
        var keyed = records.Where(record => !string.IsNullOrEmpty(record.KeyId)).DistinctBy(record => record.Id, StringComparer.Ordinal);
        foreach (var partition in keyed.GroupBy(record => AggregateKeys.Partition(record.StartedAt)).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var wanted = partition.Select(record => (KeyId: record.KeyId, Day: DateOnly.FromDateTime(record.StartedAt.UtcDateTime))).Distinct().ToList();
            var keys = wanted.Select(item => item.KeyId).ToHashSet(StringComparer.Ordinal);
            var rows = await store.LoadDimensionAsync(partition.Key, [.. wanted.Select(item => item.Day).Distinct()], AggregateDimension.Key, cancellationToken);
            var daily = new Dictionary<(string Period, string KeyId), decimal>();
            var monthly = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                foreach (var (keyId, counters) in row.Entries.Where(entry => keys.Contains(entry.Key)))
                {
                    if (row.IsMonthly)
                    {
                        monthly[keyId] = monthly.GetValueOrDefault(keyId) + counters.CostUsd;
                    }
                    else
                    {
                        daily[(row.Period, keyId)] = daily.GetValueOrDefault((row.Period, keyId)) + counters.CostUsd;
                    }
                }
            }

            spend.AddRange(wanted.Select(item => new KeySpend(item.KeyId, item.Day, daily.GetValueOrDefault((AggregateKeys.Day(item.Day), item.KeyId)), monthly.GetValueOrDefault(item.KeyId))));
        }

        return spend;
    }

    private async Task<AggregationResult> AggregatePartitionAsync(AggregatorPartition cache, List<RecordContribution> pending, CancellationToken cancellationToken)
    {
        int counted = 0, duplicates = 0, transactions = 0, retries = 0, attempts = 0;
        while (pending.Count > 0)
        {
            if (++attempts > MaxAttempts)
            {
                throw new AggregationConflictException(cache.Partition, MaxAttempts);
            }

            // 1. This writer's rows of the days still pending, unless they are in memory already.
            await LoadAsync(cache, pending, cancellationToken);

            // 2. The next transaction: as many records as fit in 100 operations and in the rows' bounds, each row written once.
            var chunk = AggregateTransaction.TakeChunk(cache, pending);
            var (writes, taken) = AggregateTransaction.BuildWrites(cache, chunk);
            if (taken == 0)
            {
                // A stored row of this shard cannot take the next record (a row damaged before bounds existed, or a
                // full one): count it in another shard instead.
                retries++;
                cache.MoveToAnotherShard();
                AggregationLog.ShardFull(logger, cache.Partition, cache.Shard);
                continue;
            }

            chunk.RemoveRange(taken, chunk.Count - taken);
            var ids = chunk.ConvertAll(contribution => contribution.Id);
            var commit = await store.CommitAsync(cache.Partition, ids, Today(), writes, cancellationToken);

            // 3. Committed: remember the rows as written. Otherwise learn what changed and go round again.
            switch (commit.Outcome)
            {
                case AggregateCommitOutcome.Committed:
                    for (var i = 0; i < writes.Count; i++)
                    {
                        cache.Rows[writes[i].Row.RowKey] = new StoredAggregateRow(writes[i].Row, commit.ETags[i]);
                    }

                    pending.RemoveRange(0, chunk.Count);
                    counted += chunk.Count;
                    transactions++;
                    attempts = 0;
                    break;
                case AggregateCommitOutcome.AlreadyCounted:
                    // A redelivered batch: look up every pending record's marker at once, so the rest of the batch
                    // does not run into them one transaction at a time.
                    retries++;
                    var seen = await store.FindCountedAsync(cache.Partition, [.. pending.Select(contribution => contribution.Id)], cancellationToken);
                    duplicates += pending.RemoveAll(contribution => seen.Contains(contribution.Id));
                    if (!ids.Exists(seen.Contains))
                    {
                        // The store could not say which marker exists and none of the transaction's does: a row changed instead.
                        cache.MoveToAnotherShard();
                        break;
                    }

                    AggregationLog.AlreadyCounted(logger, cache.Partition, seen.Count);
                    break;
                default:
                    // Another writer wrote this shard since this one read or wrote it: leave the shard to it.
                    retries++;
                    cache.MoveToAnotherShard();
                    AggregationLog.Conflict(logger, cache.Partition, attempts, cache.Shard);
                    if (attempts > 1)
                    {
                        // Several conflicts in a row: spread out so one of the writers gets through.
                        await Task.Delay(Backoff(attempts), time, cancellationToken);
                    }

                    break;
            }
        }

        return new AggregationResult(counted, duplicates, transactions, retries);
    }

    private async Task LoadAsync(AggregatorPartition cache, List<RecordContribution> pending, CancellationToken cancellationToken)
    {
        var days = pending.Select(contribution => contribution.Day).Distinct().Where(day => !cache.Days.Contains(day)).ToList();
        if (days.Count == 0 && cache.MonthlyLoaded)
        {
            return;
        }

        if (cache.Days.Count + days.Count > MaxCachedDays)
        {
            cache.Clear();
            days = [.. pending.Select(contribution => contribution.Day).Distinct()];
        }

        // The query returns every shard's rows; this writer keeps its own.
        var rows = await store.LoadAsync(cache.Partition, days, includeMonthly: !cache.MonthlyLoaded, cancellationToken);
        foreach (var row in rows.Where(row => row.Row.Shard == cache.Shard))
        {
            cache.Rows[row.Row.RowKey] = row;
        }

        cache.Days.UnionWith(days);
        cache.MonthlyLoaded = true;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    // Exponential backoff with full jitter (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
    // colliding writers spread out so one of them gets through, up to 2 s apart.
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(2000, 25 * Math.Pow(2, Math.Min(attempt, 16) - 1))));
}
