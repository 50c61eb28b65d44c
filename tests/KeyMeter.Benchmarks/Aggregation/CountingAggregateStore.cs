using System.Diagnostics;
using KeyMeter.Core.Aggregation;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>
/// Passes every call to the real store and counts the Table requests it costs, the way
/// <see cref="KeyMeter.Adapters.Aggregation.TableAggregateStore"/> makes them: LoadAsync queries each day's row-key range
/// and, when asked, the monthly range, one query each (a day holds a few dozen rows, far below a 1,000-row page), and
/// LoadDimensionAsync the same for one dimension; CommitAsync is one batch request; FindCountedAsync asks for the
/// markers 14 row keys per query. It also adds up how long the calls took. With a <c>roundTrip</c>, every call first
/// waits that long, as a request to Azure would.
/// </summary>
internal sealed class CountingAggregateStore(IAggregateStore inner, TimeSpan roundTrip = default) : IAggregateStore
{
    /// <summary>TableAggregateStore.MaxRowKeysPerQuery: a filter holds at most 15 comparisons, the PartitionKey takes one.</summary>
    private const int RowKeysPerQuery = 14;

    private long _loads;
    private long _dimensionLoads;
    private long _commits;
    private long _finds;
    private long _alreadyCounted;
    private long _conflicts;
    private long _loadTicks;
    private long _commitTicks;
    private long _findTicks;

    public TableRequests Requests => new(
        Interlocked.Read(ref _loads),
        Interlocked.Read(ref _dimensionLoads),
        Interlocked.Read(ref _commits),
        Interlocked.Read(ref _finds),
        Interlocked.Read(ref _alreadyCounted),
        Interlocked.Read(ref _conflicts),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _loadTicks)),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commitTicks)),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _findTicks)));

    public async Task<IReadOnlyList<StoredAggregateRow>> LoadAsync(string partition, IReadOnlyCollection<DateOnly> days, bool includeMonthly, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _loads, days.Distinct().Count() + (includeMonthly ? 1 : 0));
        var started = Stopwatch.GetTimestamp();
        await RoundTripAsync(cancellationToken);
        try
        {
            return await inner.LoadAsync(partition, days, includeMonthly, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _loadTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    public async Task<AggregateCommit> CommitAsync(
        string partition,
        IReadOnlyList<string> recordIds,
        DateOnly countedOn,
        IReadOnlyList<AggregateRowWrite> writes,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _commits);
        var started = Stopwatch.GetTimestamp();
        await RoundTripAsync(cancellationToken);
        AggregateCommit commit;
        try
        {
            commit = await inner.CommitAsync(partition, recordIds, countedOn, writes, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _commitTicks, Stopwatch.GetTimestamp() - started);
        }

        if (commit.Outcome == AggregateCommitOutcome.AlreadyCounted)
        {
            Interlocked.Increment(ref _alreadyCounted);
        }
        else if (commit.Outcome == AggregateCommitOutcome.Conflict)
        {
            Interlocked.Increment(ref _conflicts);
        }

        return commit;
    }

    public async Task<IReadOnlyList<AggregateRow>> LoadDimensionAsync(string partition, IReadOnlyCollection<DateOnly> days, AggregateDimension dimension, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _dimensionLoads, days.Distinct().Count() + 1);
        var started = Stopwatch.GetTimestamp();
        await RoundTripAsync(cancellationToken);
        try
        {
            return await inner.LoadDimensionAsync(partition, days, dimension, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _loadTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    public async Task<IReadOnlySet<string>> FindCountedAsync(string partition, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken)
    {
        var ids = recordIds.Distinct(StringComparer.Ordinal).Count();
        Interlocked.Add(ref _finds, (ids + RowKeysPerQuery - 1) / RowKeysPerQuery);
        var started = Stopwatch.GetTimestamp();
        await RoundTripAsync(cancellationToken);
        try
        {
            return await inner.FindCountedAsync(partition, recordIds, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _findTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    private Task RoundTripAsync(CancellationToken cancellationToken) =>
        roundTrip > TimeSpan.Zero ? Task.Delay(roundTrip, cancellationToken) : Task.CompletedTask;
}
