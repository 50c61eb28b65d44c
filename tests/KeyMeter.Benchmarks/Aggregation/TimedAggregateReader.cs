using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using KeyMeter.Core.Aggregation;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>
/// Passes every read to the real reader and notes how long each query took and how many rows it returned, so a slow
/// summary can be told apart: many rows, or a slow request whatever it returns.
/// </summary>
internal sealed class TimedAggregateReader(IAggregateReader inner) : IAggregateReader
{
    private readonly ConcurrentQueue<QueryRecord> _queries = new();

    /// <summary>The queries finished since the last call.</summary>
    public IReadOnlyList<QueryRecord> Drain()
    {
        var queries = new List<QueryRecord>();
        while (_queries.TryDequeue(out var query))
        {
            queries.Add(query);
        }

        return queries;
    }

    public IAsyncEnumerable<AggregateRow> ReadDailyAsync(
        string partition,
        DateOnly first,
        DateOnly last,
        AggregateDimension? dimension,
        int? bucket,
        CancellationToken cancellationToken)
    {
        var bucketText = bucket is { } number ? string.Create(CultureInfo.InvariantCulture, $" bucket {number}") : "";
        var name = string.Create(CultureInfo.InvariantCulture, $"{partition} daily {first:MM-dd}..{last:MM-dd}, {Name(dimension)}{bucketText}");
        return TimeAsync(name, inner.ReadDailyAsync(partition, first, last, dimension, bucket, cancellationToken), cancellationToken);
    }

    public IAsyncEnumerable<AggregateRow> ReadMonthlyAsync(string partition, AggregateDimension? dimension, CancellationToken cancellationToken) =>
        TimeAsync($"{partition} monthly rollup, {Name(dimension)}", inner.ReadMonthlyAsync(partition, dimension, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<AggregateRow> TimeAsync(string query, IAsyncEnumerable<AggregateRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var count = 0;
        long entries = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            count++;
            entries += row.Entries.Count;
            yield return row;
        }

        _queries.Enqueue(new QueryRecord(query, count, entries, Stopwatch.GetTimestamp() - started));
    }

    private static string Name(AggregateDimension? dimension) => dimension?.Name ?? "every dimension";
}
