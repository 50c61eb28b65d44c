using System.Runtime.CompilerServices;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Adapters.Aggregation;

/// <summary>
/// <see cref="IAggregateStore"/> and <see cref="IAggregateReader"/> on the <c>aggregates</c> table (keys from
/// <see cref="AggregateKeys"/>, rows as <see cref="AggregateRowEntity"/>). A commit is one entity-group transaction:
/// the markers are inserted first, so a 409 on one of them names the record that was counted before.
/// </summary>
internal sealed class TableAggregateStore(TableProvider tables, ILogger<TableAggregateStore> logger) : IAggregateStore, IAggregateReader
{
    /// <summary>The marker's property: the day the record was counted on.</summary>
    public const string MarkerDayProperty = "Day";

    /// <summary>
    /// Row keys per marker query: a filter may hold at most 15 comparisons and the PartitionKey takes one
    /// (docs "Querying tables and entities", Filter expressions).
    /// </summary>
    private const int MaxRowKeysPerQuery = 14;

    private const int MaxConcurrentQueries = 4;

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) =>
        tables.GetAsync(AggregateKeys.TableName, cancellationToken);

    public async Task<IReadOnlyList<StoredAggregateRow>> LoadAsync(string partition, IReadOnlyCollection<DateOnly> days, bool includeMonthly, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(days);
        var ranges = days.Distinct().Select(day => InPartition(partition, day)).Select(day => AggregateKeys.DailyRange(day, day)).ToList();
        if (includeMonthly)
        {
            ranges.Add(AggregateKeys.MonthlyRange());
        }

        var table = await TableAsync(cancellationToken);
        var loaded = await ConcurrentlyAsync(
            ranges,
            async (range, token) =>
            {
                var rows = new List<StoredAggregateRow>();
                var query = new TableQuery(TableFilter.PartitionRange(partition, range.From, range.ToExclusive));
                await foreach (var entity in table.QueryAsync(query, token))
                {
                    if (Read(entity) is { } row)
                    {
                        rows.Add(new StoredAggregateRow(row, entity.ETag ?? throw MissingETag("query")));
                    }
                }

                return rows;
            },
            cancellationToken);
        return [.. loaded.SelectMany(rows => rows)];
    }

    public async Task<AggregateCommit> CommitAsync(
        string partition,
        IReadOnlyList<string> recordIds,
        DateOnly countedOn,
        IReadOnlyList<AggregateRowWrite> writes,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(recordIds);
        ArgumentNullException.ThrowIfNull(writes);
        if (recordIds.Count + writes.Count is 0 or > TableBatchRequest.MaxOperations)
        {
            throw new ArgumentException(
                $"A commit needs 1 to {TableBatchRequest.MaxOperations} operations, not {recordIds.Count} marker(s) and {writes.Count} row(s).",
                nameof(writes));
        }

        // 1. Markers first, so a failed index below recordIds.Count is a record counted before; then the rows.
        var actions = new List<TableTransactionAction>(recordIds.Count + writes.Count);
        foreach (var recordId in recordIds)
        {
            var marker = new TableEntity(partition, AggregateKeys.MarkerRow(recordId)) { [MarkerDayProperty] = AggregateKeys.Day(countedOn) };
            actions.Add(new TableTransactionAction(TableTransactionActionType.Insert, marker));
        }

        foreach (var write in writes)
        {
            var entity = AggregateRowEntity.ToEntity(write.Row);
            actions.Add(write.ExpectedETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag)
                : new TableTransactionAction(TableTransactionActionType.Insert, entity));
        }

        // 2. All or nothing. A 409 whose operation the service did not name may still be a marker: the aggregator
        // asks FindCountedAsync and treats it as a row conflict when no marker turns up.
        var table = await TableAsync(cancellationToken);
        var result = await table.SubmitTransactionAsync(actions, cancellationToken);
        if (result.Succeeded)
        {
            return new AggregateCommit(AggregateCommitOutcome.Committed, [.. result.ETags.Skip(recordIds.Count).Select(etag => etag ?? throw MissingETag("transaction"))]);
        }

        return (result.FailedIndex, result.FailedOutcome) switch
        {
            (int index, TableOutcome.Conflict) when index < recordIds.Count => new AggregateCommit(AggregateCommitOutcome.AlreadyCounted, [], recordIds[index]),
            (null, TableOutcome.Conflict) => new AggregateCommit(AggregateCommitOutcome.AlreadyCounted, []),
            (_, TableOutcome.Conflict or TableOutcome.PreconditionFailed or TableOutcome.NotFound) => AggregateCommit.Conflict,
            _ => throw new InvalidOperationException($"A transaction on table '{AggregateKeys.TableName}' failed as {result.FailedOutcome}."),
        };
    }

    public async Task<IReadOnlyList<AggregateRow>> LoadDimensionAsync(string partition, IReadOnlyCollection<DateOnly> days, AggregateDimension dimension, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(days);
        List<(string From, string ToExclusive)> ranges = [.. days.Distinct().Select(day => AggregateKeys.DailyRange(InPartition(partition, day), dimension)), AggregateKeys.MonthlyRange(dimension)];
        var table = await TableAsync(cancellationToken);
        var loaded = await ConcurrentlyAsync(
            ranges,
            async (range, token) =>
            {
                var rows = new List<AggregateRow>();
                await foreach (var entity in table.QueryAsync(new TableQuery(TableFilter.PartitionRange(partition, range.From, range.ToExclusive)), token))
                {
                    if (Read(entity) is { } row)
                    {
                        rows.Add(row);
                    }
                }

                return rows;
            },
            cancellationToken);
        return [.. loaded.SelectMany(rows => rows)];
    }

    public async Task<IReadOnlySet<string>> FindCountedAsync(string partition, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(recordIds);
        var groups = recordIds.Distinct(StringComparer.Ordinal).Chunk(MaxRowKeysPerQuery).ToList();
        var table = await TableAsync(cancellationToken);
        var found = await ConcurrentlyAsync(
            groups,
            async (group, token) =>
            {
                var rowKeys = Array.ConvertAll(group, id => TableFilter.Equal("RowKey", AggregateKeys.MarkerRow(id)));
                var query = new TableQuery(TableFilter.And(TableFilter.Equal("PartitionKey", partition), TableFilter.Or(rowKeys)), ["RowKey"]);
                var ids = new List<string>(group.Length);
                await foreach (var entity in table.QueryAsync(query, token))
                {
                    ids.Add(entity.RowKey[AggregateKeys.MarkerPrefix.Length..]);
                }

                return ids;
            },
            cancellationToken);
        return found.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
    }

    public IAsyncEnumerable<AggregateRow> ReadDailyAsync(
        string partition,
        DateOnly first,
        DateOnly last,
        AggregateDimension? dimension,
        int? bucket,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        var (from, toExclusive) = AggregateKeys.DailyRange(InPartition(partition, first), InPartition(partition, last));
        return ReadAsync(partition, from, toExclusive, dimension, bucket, cancellationToken);
    }

    public IAsyncEnumerable<AggregateRow> ReadMonthlyAsync(string partition, AggregateDimension? dimension, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        var (from, toExclusive) = AggregateKeys.MonthlyRange();
        return ReadAsync(partition, from, toExclusive, dimension, bucket: null, cancellationToken);
    }

    private async IAsyncEnumerable<AggregateRow> ReadAsync(
        string partition,
        string from,
        string toExclusive,
        AggregateDimension? dimension,
        int? bucket,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> clauses = [TableFilter.PartitionRange(partition, from, toExclusive)];
        if (dimension is { } only)
        {
            clauses.Add(TableFilter.Equal(AggregateRowEntity.DimensionProperty, only.Name));
        }

        if (bucket is { } number)
        {
            clauses.Add(TableFilter.Equal(AggregateRowEntity.BucketProperty, number));
        }

        var table = await TableAsync(cancellationToken);
        await foreach (var entity in table.QueryAsync(new TableQuery(TableFilter.And([.. clauses])), cancellationToken))
        {
            if (Read(entity) is { } row)
            {
                yield return row;
            }
        }
    }

    /// <summary>
    /// The row an entity holds, or null (logged) when it cannot be trusted: unreadable, or holding an entry outside the
    /// bounds no real usage reaches (<see cref="AggregateCounters.IsWithinBounds"/>; a row damaged before records had
    /// bounds). Skipping such a row keeps every report's sums inside a long, and the aggregator, finding the row "missing"
    /// but present, moves its writer to another shard.
    /// </summary>
    private AggregateRow? Read(TableEntity entity)
    {
        var row = AggregateRowEntity.FromEntity(entity);
        if (row is null)
        {
            AggregateStoreLog.UnreadableRow(logger, entity.PartitionKey, entity.RowKey);
        }
        else if (!row.IsWithinBounds)
        {
            AggregateStoreLog.OutOfBoundsRow(logger, entity.PartitionKey, entity.RowKey);
            return null;
        }

        return row;
    }

    /// <summary>Runs <paramref name="run"/> for each item, a few at a time, and returns the results in item order.</summary>
    private static async Task<TResult[]> ConcurrentlyAsync<TItem, TResult>(
        IReadOnlyList<TItem> items,
        Func<TItem, CancellationToken, Task<TResult>> run,
        CancellationToken cancellationToken)
    {
        var results = new TResult[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentQueries, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), options, async (i, token) => results[i] = await run(items[i], token));
        return results;
    }

    private static DateOnly InPartition(string partition, DateOnly day) =>
        string.Equals(AggregateKeys.Partition(day), partition, StringComparison.Ordinal)
            ? day
            : throw new ArgumentException($"Day {AggregateKeys.Day(day)} is not in partition {partition}.", nameof(day));

    private static InvalidOperationException MissingETag(string operation) =>
        new($"A {operation} on table '{AggregateKeys.TableName}' returned a row without an ETag.");
}
