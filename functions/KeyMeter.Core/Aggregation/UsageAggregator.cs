using System.Collections.Concurrent;
using KeyMeter.Core.Metering;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// Counts usage records into the aggregates exactly once, however often and in whatever order they arrive
/// (DESIGN.md invariant 3). Records are grouped by month partition; for each partition a few entity-group
/// transactions each insert their records' markers and replace the aggregate rows they add to under the rows' ETags.
/// An existing marker means the record was counted before; a changed row means another writer got there first and
/// the transaction is rebuilt from fresh rows.
/// </summary>
/// <remarks>
/// The rows of the days being written are kept in memory between batches with their ETags, so a steady stream costs
/// about one transaction per 30–50 records and no reads. One batch at a time writes a given partition in this process:
/// every transaction of a partition touches its organisation row, so concurrent writers would only collide.
/// </remarks>
public sealed class UsageAggregator(IAggregateStore store, TimeProvider time, ILogger<UsageAggregator> logger)
{
    /// <summary>Table Storage's limit on operations in one entity-group transaction.</summary>
    public const int MaxOperations = 100;

    /// <summary>Attempts without progress before a partition gives up and the batch is redelivered.</summary>
    public const int MaxAttempts = 25;

    /// <summary>Rough upper bound of a transaction's rows (JSON of every entry), below the 4 MiB request limit.</summary>
    private const long MaxTransactionEntries = 3L * 1024 * 1024 / 128;

    /// <summary>Days of rows kept in memory per partition before the cache starts over.</summary>
    private const int MaxCachedDays = 40;

    private readonly ConcurrentDictionary<string, PartitionCache> _partitions = new(StringComparer.Ordinal);

    /// <summary>Counts <paramref name="records"/>; throws when a transient failure leaves some of them uncounted.</summary>
    /// <exception cref="AggregationConflictException">A partition kept changing concurrently.</exception>
    public async Task<AggregationResult> AggregateAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);

        // 1. One of each id: a batch may hold the same record twice.
        var unique = records.DistinctBy(record => record.Id, StringComparer.Ordinal).ToList();
        var result = AggregationResult.Empty with { Duplicates = records.Count - unique.Count };

        // 2. Each month partition on its own; clustered by day and key so a transaction touches few rows.
        foreach (var partition in unique.GroupBy(record => AggregateKeys.Partition(record.StartedAt)).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var pending = partition
                .OrderBy(record => record.StartedAt.UtcDateTime.Date)
                .ThenBy(record => record.KeyId, StringComparer.Ordinal)
                .Select(RecordContribution.Of)
                .ToList();
            var cache = _partitions.GetOrAdd(partition.Key, key => new PartitionCache(key));
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
    /// redelivered batch reports the same figures again). Read from the rows this process keeps, so after
    /// <see cref="AggregateAsync"/> it costs no storage round trip; rows it does not hold are read first.
    /// </summary>
    public async Task<IReadOnlyList<KeySpend>> KeySpendAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var spend = new List<KeySpend>();
        var keyed = records.Where(record => !string.IsNullOrEmpty(record.KeyId)).DistinctBy(record => record.Id, StringComparer.Ordinal);
        foreach (var partition in keyed.GroupBy(record => AggregateKeys.Partition(record.StartedAt)).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var contributions = partition.Select(RecordContribution.Of).ToList();
            var cache = _partitions.GetOrAdd(partition.Key, key => new PartitionCache(key));
            await cache.Lock.WaitAsync(cancellationToken);
            try
            {
                await LoadAsync(cache, contributions, cancellationToken);
                foreach (var (keyId, day) in contributions.Select(contribution => (contribution.Record.KeyId!, contribution.Day)).Distinct())
                {
                    var bucket = AggregateKeys.Bucket(keyId, AggregateDimension.Key);
                    spend.Add(new KeySpend(
                        keyId,
                        day,
                        CostOf(cache, AggregateKeys.DailyRow(day, AggregateDimension.Key, bucket), keyId),
                        CostOf(cache, AggregateKeys.MonthlyRow(AggregateDimension.Key, bucket), keyId)));
                }
            }
            finally
            {
                cache.Lock.Release();
            }
        }

        return spend;
    }

    private static decimal CostOf(PartitionCache cache, string rowKey, string value) =>
        cache.Rows.TryGetValue(rowKey, out var row) && row.Row.Entries.TryGetValue(value, out var counters) ? counters.CostUsd : 0m;

    private async Task<AggregationResult> AggregatePartitionAsync(PartitionCache cache, List<RecordContribution> pending, CancellationToken cancellationToken)
    {
        int counted = 0, duplicates = 0, transactions = 0, retries = 0, attempts = 0;
        while (pending.Count > 0)
        {
            if (++attempts > MaxAttempts)
            {
                throw new AggregationConflictException(cache.Partition, MaxAttempts);
            }

            // 1. The rows of the days still pending, unless they are in memory already.
            await LoadAsync(cache, pending, cancellationToken);

            // 2. The next transaction: as many records as fit in 100 operations, each row written once.
            var chunk = TakeChunk(cache, pending);
            var writes = BuildWrites(cache, chunk);
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
                    retries++;
                    var seen = await store.FindCountedAsync(cache.Partition, ids, cancellationToken);
                    if (seen.Count == 0)
                    {
                        // The store could not say which marker exists and none does now: a row changed instead.
                        cache.Clear();
                        break;
                    }

                    AggregationLog.AlreadyCounted(logger, cache.Partition, seen.Count);
                    duplicates += pending.RemoveAll(contribution => seen.Contains(contribution.Id));
                    break;
                default:
                    retries++;
                    AggregationLog.Conflict(logger, cache.Partition, attempts);
                    cache.Clear();
                    if (attempts > 1)
                    {
                        // A stale cache explains one conflict; more mean a writer elsewhere is busy on this partition.
                        await Task.Delay(Backoff(attempts), time, cancellationToken);
                    }

                    break;
            }
        }

        return new AggregationResult(counted, duplicates, transactions, retries);
    }

    private async Task LoadAsync(PartitionCache cache, List<RecordContribution> pending, CancellationToken cancellationToken)
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

        var rows = await store.LoadAsync(cache.Partition, days, includeMonthly: !cache.MonthlyLoaded, cancellationToken);
        foreach (var row in rows)
        {
            cache.Rows[row.Row.RowKey] = row;
        }

        cache.Days.UnionWith(days);
        cache.MonthlyLoaded = true;
    }

    /// <summary>The longest prefix of <paramref name="pending"/> whose markers and rows fit one transaction (at least one record).</summary>
    private static List<RecordContribution> TakeChunk(PartitionCache cache, List<RecordContribution> pending)
    {
        var chunk = new List<RecordContribution>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        long entries = 0;
        foreach (var contribution in pending)
        {
            var newRows = contribution.Targets.Select(target => target.RowKey).Where(key => !rows.Contains(key)).Distinct().ToList();
            var newEntries = newRows.Sum(key => (long)(cache.Rows.TryGetValue(key, out var row) ? row.Row.Entries.Count : 0) + 1);
            if (chunk.Count > 0 && (chunk.Count + 1 + rows.Count + newRows.Count > MaxOperations || entries + newEntries > MaxTransactionEntries))
            {
                break;
            }

            chunk.Add(contribution);
            rows.UnionWith(newRows);
            entries += newEntries;
        }

        return chunk;
    }

    /// <summary>Copies of the rows the chunk touches, with its records added; the cache keeps the rows as last written.</summary>
    private static List<AggregateRowWrite> BuildWrites(PartitionCache cache, List<RecordContribution> chunk)
    {
        var rows = new Dictionary<string, (AggregateRow Row, string? ETag)>(StringComparer.Ordinal);
        foreach (var contribution in chunk)
        {
            foreach (var target in contribution.Targets)
            {
                if (!rows.TryGetValue(target.RowKey, out var entry))
                {
                    entry = cache.Rows.TryGetValue(target.RowKey, out var stored)
                        ? (stored.Row.Clone(), stored.ETag)
                        : (target.Create(), null);
                    rows.Add(target.RowKey, entry);
                }

                entry.Row.Add(target.Value, contribution.Counters);
            }
        }

        return [.. rows.Values.Select(entry => new AggregateRowWrite(entry.Row, entry.ETag))];
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    // Exponential backoff with full jitter (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
    // colliding writers spread out so one of them gets through, up to 2 s apart.
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(2000, 25 * Math.Pow(2, Math.Min(attempt, 16) - 1))));

    /// <summary>This process's view of one partition: the rows of the days it has read or written, with their ETags.</summary>
    private sealed class PartitionCache(string partition)
    {
        public string Partition { get; } = partition;

        public SemaphoreSlim Lock { get; } = new(1, 1);

        public Dictionary<string, StoredAggregateRow> Rows { get; } = new(StringComparer.Ordinal);

        /// <summary>Days whose rows are all in <see cref="Rows"/>: a row missing for such a day does not exist yet.</summary>
        public HashSet<DateOnly> Days { get; } = [];

        public bool MonthlyLoaded { get; set; }

        public void Clear()
        {
            Rows.Clear();
            Days.Clear();
            MonthlyLoaded = false;
        }
    }
}
