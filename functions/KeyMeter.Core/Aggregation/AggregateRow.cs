namespace KeyMeter.Core.Aggregation;

/// <summary>
/// One wide aggregate row: the counters of every value of one dimension (bucket) in one day or month, as one writer's
/// shard holds them (<see cref="AggregateKeys"/>). Few rows per report and few rows per transaction, at the price of
/// rewriting the row whole on each update. Readers add up the shards of a logical row; every report does by summing.
/// </summary>
public sealed class AggregateRow
{
    private readonly Dictionary<string, AggregateCounters> _entries;

    private AggregateRow(string partition, string rowKey, AggregateDimension dimension, string period, int bucket, Dictionary<string, AggregateCounters> entries)
    {
        Partition = partition;
        RowKey = rowKey;
        Dimension = dimension;
        Period = period;
        Bucket = bucket;
        _entries = entries;
    }

    public string Partition { get; }

    public string RowKey { get; }

    public AggregateDimension Dimension { get; }

    /// <summary><c>yyyy-MM-dd</c> for a daily row, <c>yyyy-MM</c> for a monthly rollup.</summary>
    public string Period { get; }

    public bool IsMonthly => Period.Length == 7;

    public int Bucket { get; }

    /// <summary>The writer's shard, from the row key (0 for a key without a shard suffix).</summary>
    public int Shard => AggregateKeys.TryGetShard(RowKey, out var shard) ? shard : 0;

    /// <summary>Whether every entry may be stored (<see cref="AggregateCounters.IsWithinBounds"/>).</summary>
    public bool IsWithinBounds => _entries.Values.All(counters => counters.IsWithinBounds);

    /// <summary>The counters per dimension value.</summary>
    public IReadOnlyDictionary<string, AggregateCounters> Entries => _entries;

    /// <summary>An empty daily row of shard <paramref name="shard"/>.</summary>
    public static AggregateRow Daily(DateOnly day, AggregateDimension dimension, int bucket, int shard = 0) =>
        new(AggregateKeys.Partition(day), AggregateKeys.DailyRow(day, dimension, bucket, shard), dimension, AggregateKeys.Day(day), bucket, new(StringComparer.Ordinal));

    /// <summary>An empty monthly rollup of the month <paramref name="partition"/>, shard <paramref name="shard"/>.</summary>
    public static AggregateRow Monthly(string partition, AggregateDimension dimension, int bucket, int shard = 0) =>
        new(partition, AggregateKeys.MonthlyRow(dimension, bucket, shard), dimension, partition, bucket, new(StringComparer.Ordinal));

    /// <summary>A row as stored: its keys, and the entries <see cref="AggregateRowCodec.Decode"/> read.</summary>
    public static AggregateRow Restore(string partition, string rowKey, AggregateDimension dimension, string period, int bucket, IEnumerable<KeyValuePair<string, AggregateCounters>> entries) =>
        new(partition, rowKey, dimension, period, bucket, new Dictionary<string, AggregateCounters>(entries, StringComparer.Ordinal));

    /// <summary>A copy to change; the aggregator never changes a row it has not written yet.</summary>
    public AggregateRow Clone() => new(Partition, RowKey, Dimension, Period, Bucket, new Dictionary<string, AggregateCounters>(_entries, StringComparer.Ordinal));

    /// <exception cref="OverflowException">The entry's sum does not fit.</exception>
    public void Add(string value, AggregateCounters counters)
    {
        _entries[value] = _entries.TryGetValue(value, out var current) ? current.Add(counters) : counters;
    }

    /// <summary>Whether <paramref name="counters"/> can be added to <paramref name="value"/>'s entry and the entry still be stored.</summary>
    public bool CanAdd(string value, AggregateCounters counters) =>
        (_entries.GetValueOrDefault(value) ?? AggregateCounters.Zero).TryAdd(counters, out _);

    /// <summary>The sum over every value.</summary>
    /// <exception cref="OverflowException">The sum does not fit.</exception>
    public AggregateCounters Total() => _entries.Values.Aggregate(AggregateCounters.Zero, (sum, counters) => sum.Add(counters));
}
