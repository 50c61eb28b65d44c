namespace KeyMeter.Core.Aggregation;

/// <summary>
/// Port to the <c>aggregates</c> table for the aggregator (Table Storage in production; keys from
/// <see cref="AggregateKeys"/>). Every call touches one month partition; a commit is one entity-group transaction, so a
/// record's marker and its additions to every aggregate row are written together or not at all. Markers are per
/// record whatever shard a writer uses, so a record counted by one writer is recognised by every other.
/// </summary>
public interface IAggregateStore
{
    /// <summary>
    /// The daily rows of <paramref name="days"/> (every dimension and bucket) and, when <paramref name="includeMonthly"/>,
    /// every monthly row of <paramref name="partition"/>, each with its ETag. Rows that do not exist are simply absent.
    /// </summary>
    Task<IReadOnlyList<StoredAggregateRow>> LoadAsync(string partition, IReadOnlyCollection<DateOnly> days, bool includeMonthly, CancellationToken cancellationToken);

    /// <summary>
    /// One transaction (at most 100 operations in all): inserts the marker <see cref="AggregateKeys.MarkerRow"/> of each
    /// of <paramref name="recordIds"/> with <paramref name="countedOn"/> as its day, then applies <paramref name="writes"/>.
    /// </summary>
    Task<AggregateCommit> CommitAsync(
        string partition,
        IReadOnlyList<string> recordIds,
        DateOnly countedOn,
        IReadOnlyList<AggregateRowWrite> writes,
        CancellationToken cancellationToken);

    /// <summary>
    /// Every row of <paramref name="dimension"/> in <paramref name="partition"/>, all buckets and all shards: the daily
    /// rows of <paramref name="days"/> and the monthly rows. Read fresh, for figures that must include other writers' shards.
    /// </summary>
    Task<IReadOnlyList<AggregateRow>> LoadDimensionAsync(string partition, IReadOnlyCollection<DateOnly> days, AggregateDimension dimension, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="recordIds"/> already have a marker in <paramref name="partition"/>.</summary>
    Task<IReadOnlySet<string>> FindCountedAsync(string partition, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken);
}
