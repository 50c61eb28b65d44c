namespace KeyMeter.Core.Aggregation;

/// <summary>Port for the reports: range reads of the <c>aggregates</c> table, one month partition per call.</summary>
public interface IAggregateReader
{
    /// <summary>
    /// The daily rows of <paramref name="partition"/> from <paramref name="first"/> to <paramref name="last"/> inclusive
    /// (both inside the partition's month), ordered by row key; only <paramref name="dimension"/>'s rows when given, and
    /// only bucket <paramref name="bucket"/> of it when given.
    /// </summary>
    IAsyncEnumerable<AggregateRow> ReadDailyAsync(
        string partition,
        DateOnly first,
        DateOnly last,
        AggregateDimension? dimension,
        int? bucket,
        CancellationToken cancellationToken);

    /// <summary>The monthly rollup rows of <paramref name="partition"/>; only <paramref name="dimension"/>'s when given.</summary>
    IAsyncEnumerable<AggregateRow> ReadMonthlyAsync(string partition, AggregateDimension? dimension, CancellationToken cancellationToken);
}
