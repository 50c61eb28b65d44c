using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Retention;

/// <summary>One <see cref="UsageRetention"/> run: its cutoffs, when it must stop, and what it has removed so far.</summary>
internal sealed class RetentionRunState(DateOnly markerCutoff, DateOnly aggregateCutoff, DateTimeOffset deadline)
{
    /// <summary>Markers counted before this day go.</summary>
    public DateOnly MarkerCutoff { get; } = markerCutoff;

    /// <summary>Daily rows of days before this day go, and months that ended before it.</summary>
    public DateOnly AggregateCutoff { get; } = aggregateCutoff;

    /// <summary>No new batch is started at or after this instant.</summary>
    public DateTimeOffset Deadline { get; } = deadline;

    public int Markers { get; private set; }

    public int DailyRows { get; private set; }

    public int Partitions { get; private set; }

    /// <summary>Counts deleted rows by kind; monthly rollups are counted only as part of a removed partition.</summary>
    public void CountDeleted(IEnumerable<string> rowKeys)
    {
        foreach (var rowKey in rowKeys)
        {
            if (rowKey.StartsWith(AggregateKeys.MarkerPrefix, StringComparison.Ordinal))
            {
                Markers++;
            }
            else if (rowKey.StartsWith(AggregateKeys.DailyPrefix, StringComparison.Ordinal))
            {
                DailyRows++;
            }
        }
    }

    public void CountPartitionRemoved() => Partitions++;

    public RetentionRun ToResult(bool completed) => new(Markers, DailyRows, Partitions, completed);
}
