namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>
/// Table requests an aggregator made, by the <see cref="KeyMeter.Core.Aggregation.IAggregateStore"/> call that made
/// them, and how long it waited on each kind of call.
/// </summary>
/// <param name="Loads">Range queries of LoadAsync: one per day, one more for the monthly rows.</param>
/// <param name="Commits">Entity-group transactions, committed or not.</param>
/// <param name="Finds">Marker queries of FindCountedAsync: one per 14 record ids.</param>
/// <param name="AlreadyCounted">Of <see cref="Commits"/>, those refused because a record's marker existed.</param>
/// <param name="Conflicts">Of <see cref="Commits"/>, those refused because a row had changed since it was read.</param>
/// <param name="LoadTime">Time spent in LoadAsync calls, summed over calls (and over consumers).</param>
internal readonly record struct TableRequests(
    long Loads,
    long Commits,
    long Finds,
    long AlreadyCounted,
    long Conflicts,
    TimeSpan LoadTime,
    TimeSpan CommitTime,
    TimeSpan FindTime)
{
    public long Total => Loads + Commits + Finds;

    public TimeSpan Time => LoadTime + CommitTime + FindTime;

    public TableRequests Add(TableRequests other) => new(
        Loads + other.Loads,
        Commits + other.Commits,
        Finds + other.Finds,
        AlreadyCounted + other.AlreadyCounted,
        Conflicts + other.Conflicts,
        LoadTime + other.LoadTime,
        CommitTime + other.CommitTime,
        FindTime + other.FindTime);

    public double PerRecord(long records) => records == 0 ? double.NaN : (double)Total / records;
}
