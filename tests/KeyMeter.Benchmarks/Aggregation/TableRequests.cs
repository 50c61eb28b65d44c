namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>
/// Table requests an aggregator made, by the <see cref="KeyMeter.Core.Aggregation.IAggregateStore"/> call that made
/// them, and how long it waited on each kind of call.
/// </summary>
/// <param name="Loads">Range queries of LoadAsync: one per day, one more for the monthly rows.</param>
/// <param name="DimensionLoads">Range queries of LoadDimensionAsync (the keys' spend, read fresh for budget alerts): one per day, one more for the month.</param>
/// <param name="Commits">Entity-group transactions, committed or not.</param>
/// <param name="Finds">Marker queries of FindCountedAsync: one per 14 record ids.</param>
/// <param name="AlreadyCounted">Of <see cref="Commits"/>, those refused because a record's marker existed.</param>
/// <param name="Conflicts">Of <see cref="Commits"/>, those refused because a row had changed since it was read.</param>
/// <param name="LoadTime">Time spent in LoadAsync and LoadDimensionAsync calls, summed over calls (and over consumers).</param>
internal readonly record struct TableRequests(
    long Loads,
    long DimensionLoads,
    long Commits,
    long Finds,
    long AlreadyCounted,
    long Conflicts,
    TimeSpan LoadTime,
    TimeSpan CommitTime,
    TimeSpan FindTime)
{
    public long Total => Loads + DimensionLoads + Commits + Finds;

    public TimeSpan Time => LoadTime + CommitTime + FindTime;

    public TableRequests Add(TableRequests other) => Combine(other, 1);

    public double PerRecord(long records) => records == 0 ? double.NaN : (double)Total / records;

    /// <summary>What a store made between two readings of <see cref="CountingAggregateStore.Requests"/>.</summary>
    public static TableRequests operator -(TableRequests after, TableRequests before) => after.Combine(before, -1);

    private TableRequests Combine(TableRequests other, int sign) => new(
        Loads + (sign * other.Loads),
        DimensionLoads + (sign * other.DimensionLoads),
        Commits + (sign * other.Commits),
        Finds + (sign * other.Finds),
        AlreadyCounted + (sign * other.AlreadyCounted),
        Conflicts + (sign * other.Conflicts),
        LoadTime + (sign * other.LoadTime),
        CommitTime + (sign * other.CommitTime),
        FindTime + (sign * other.FindTime));
}
