using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Aggregation;

/// <summary>What one record adds where: its counters, and for each aggregate row it touches the value it counts under.</summary>
internal sealed class RecordContribution
{
    private RecordContribution(UsageRecord record, DateOnly day, AggregateCounters counters, IReadOnlyList<RowTarget> targets)
    {
        Record = record;
        Day = day;
        Counters = counters;
        Targets = targets;
    }

    public UsageRecord Record { get; }

    public string Id => Record.Id;

    public DateOnly Day { get; }

    public AggregateCounters Counters { get; }

    /// <summary>Distinct rows, each with the value this record adds to.</summary>
    public IReadOnlyList<RowTarget> Targets { get; }

    public static RecordContribution Of(UsageRecord record)
    {
        var day = DateOnly.FromDateTime(record.StartedAt.UtcDateTime);
        var partition = AggregateKeys.Partition(day);
        var targets = new List<RowTarget>();
        foreach (var (dimension, value) in RecordDimensions.Of(record))
        {
            var bucket = AggregateKeys.Bucket(value, dimension);
            targets.Add(new RowTarget(AggregateKeys.DailyRow(day, dimension, bucket), () => AggregateRow.Daily(day, dimension, bucket), value));
            if (dimension.HasMonthlyRollup)
            {
                targets.Add(new RowTarget(AggregateKeys.MonthlyRow(dimension, bucket), () => AggregateRow.Monthly(partition, dimension, bucket), value));
            }
        }

        return new RecordContribution(record, day, AggregateCounters.Of(record), targets);
    }

    /// <summary>One aggregate row a record adds to.</summary>
    /// <param name="Create">Makes the row empty, for when it does not exist yet.</param>
    public sealed record RowTarget(string RowKey, Func<AggregateRow> Create, string Value);
}
