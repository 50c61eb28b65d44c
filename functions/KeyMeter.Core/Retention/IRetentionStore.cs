namespace KeyMeter.Core.Retention;

/// <summary>
/// Port to the <c>aggregates</c> table for <see cref="UsageRetention"/> (Table Storage in production; keys from
/// <see cref="Aggregation.AggregateKeys"/>). Reads come in pages with a continuation, so a caller deletes what one page
/// found before it reads the next; every call touches at most one month partition, except the listing.
/// </summary>
public interface IRetentionStore
{
    /// <summary>The month partitions (<c>yyyy-MM</c>) that hold anything: every such partition holds monthly rows.</summary>
    Task<IReadOnlyList<string>> ListPartitionsAsync(CancellationToken cancellationToken);

    /// <summary>A page of the marker rows (<c>r|…</c>) of <paramref name="partition"/> counted on a day before <paramref name="countedBefore"/>.</summary>
    /// <param name="max">The page size, 1 to 100.</param>
    /// <param name="continuation">Null for the first page, else the previous page's <see cref="RetentionPage.Continuation"/>.</param>
    Task<RetentionPage> ReadMarkersAsync(string partition, DateOnly countedBefore, int max, string? continuation, CancellationToken cancellationToken);

    /// <summary>A page of the daily rows (<c>d|…</c>) of <paramref name="partition"/> for days before <paramref name="before"/>.</summary>
    /// <param name="max">The page size, 1 to 100.</param>
    /// <param name="continuation">Null for the first page, else the previous page's <see cref="RetentionPage.Continuation"/>.</param>
    Task<RetentionPage> ReadDailyRowsAsync(string partition, DateOnly before, int max, string? continuation, CancellationToken cancellationToken);

    /// <summary>A page of every row of <paramref name="partition"/>, in row-key order.</summary>
    /// <param name="max">The page size, 1 to 100.</param>
    /// <param name="continuation">Null for the first page, else the previous page's <see cref="RetentionPage.Continuation"/>.</param>
    Task<RetentionPage> ReadRowsAsync(string partition, int max, string? continuation, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to 100 rows of one partition together. A row that is already gone counts as deleted: a concurrent
    /// delete or an earlier, interrupted run must not fail this one.
    /// </summary>
    Task DeleteAsync(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken);
}
