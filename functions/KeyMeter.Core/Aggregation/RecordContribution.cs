using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// What one record adds where: its counters, and for each logical aggregate row it touches the value it counts under.
/// Which shard's rows those are depends on the writer (<see cref="RowKeys"/>).
/// </summary>
internal sealed class RecordContribution
{
    private int _shard = -1;
    private string[] _rowKeys = [];

    private RecordContribution(UsageRecord record, DateOnly day, AggregateCounters counters, IReadOnlyList<RowTarget> targets)
    {
        Record = record;
        Day = day;
        Counters = counters;
        Targets = targets;
        SpannedCounters = AggregateCounters.Spanned(record, counters);
    }

    public UsageRecord Record { get; }

    public string Id => Record.Id;

    public DateOnly Day { get; }

    public AggregateCounters Counters { get; }

    /// <summary><see cref="Counters"/> with the call's span, for the targets that keep one (<see cref="RowTarget.Spanned"/>).</summary>
    public AggregateCounters SpannedCounters { get; }

    /// <summary>What the record adds to target <paramref name="index"/>.</summary>
    public AggregateCounters CountersFor(int index) => Targets[index].Spanned ? SpannedCounters : Counters;

    /// <summary>Distinct logical rows, each with the value this record adds to.</summary>
    public IReadOnlyList<RowTarget> Targets { get; }

    /// <exception cref="OverflowException">The record's own counters do not fit (a reversal of a count no long can negate).</exception>
    public static RecordContribution Of(UsageRecord record)
    {
        var day = DateOnly.FromDateTime(record.StartedAt.UtcDateTime);
        var targets = new List<RowTarget>();
        foreach (var (dimension, value) in RecordDimensions.Of(record))
        {
            var bucket = AggregateKeys.Bucket(value, dimension);
            targets.Add(new RowTarget(day, dimension, bucket, Monthly: false, value) { Spanned = dimension == AggregateDimension.Session });
            if (dimension.HasMonthlyRollup)
            {
                targets.Add(new RowTarget(day, dimension, bucket, Monthly: true, value));
            }
        }

        return new RecordContribution(record, day, AggregateCounters.Of(record), targets);
    }

    /// <summary>The row key of each of <see cref="Targets"/> in <paramref name="shard"/>, in the same order (kept for the last shard asked).</summary>
    public IReadOnlyList<string> RowKeys(int shard)
    {
        if (shard != _shard)
        {
            _rowKeys = [.. Targets.Select(target => target.RowKeyIn(shard))];
            _shard = shard;
        }

        return _rowKeys;
    }

    /// <summary>One logical aggregate row a record adds to: the daily row of <paramref name="Day"/> or the month's rollup.</summary>
    public sealed record RowTarget(DateOnly Day, AggregateDimension Dimension, int Bucket, bool Monthly, string Value)
    {
        /// <summary>Whether the entry keeps the span of its calls (<see cref="AggregateCounters.FirstAt"/>).</summary>
        public bool Spanned { get; init; }

        /// <summary>The row key in shard 0.</summary>
        public string RowKey => RowKeyIn(0);

        public string RowKeyIn(int shard) =>
            Monthly ? AggregateKeys.MonthlyRow(Dimension, Bucket, shard) : AggregateKeys.DailyRow(Day, Dimension, Bucket, shard);

        /// <summary>The row, empty, for when it does not exist yet.</summary>
        public AggregateRow Create(int shard = 0) =>
            Monthly ? AggregateRow.Monthly(AggregateKeys.Partition(Day), Dimension, Bucket, shard) : AggregateRow.Daily(Day, Dimension, Bucket, shard);
    }
}
