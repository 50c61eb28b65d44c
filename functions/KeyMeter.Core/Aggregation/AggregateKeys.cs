using System.Globalization;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// Where aggregates live in the <c>aggregates</c> table. One partition per UTC month of the records' start times holds
/// everything a record touches, so one entity-group transaction can insert its marker and update every aggregate row
/// it adds to (DESIGN.md invariant 3):
/// <list type="bullet">
/// <item><c>r|{recordId}</c>: the marker that says the record was counted;</item>
/// <item><c>d|{yyyy-MM-dd}|{dimension}|{bucket}</c>: one day of one dimension (a wide row, <see cref="AggregateRow"/>);</item>
/// <item><c>m|{dimension}|{bucket}</c>: the month's rollup of one dimension.</item>
/// </list>
/// Daily rows sort by day first, so a report over a range of days is one row-key range scan per month, and the
/// aggregator loads all rows of a day with one query.
/// </summary>
public static class AggregateKeys
{
    public const string TableName = "aggregates";

    public const string MarkerPrefix = "r|";
    public const string DailyPrefix = "d|";
    public const string MonthlyPrefix = "m|";

    /// <summary>Sorts after every row key character used under a prefix (<c>|</c> is U+007C, <c>~</c> U+007E).</summary>
    private const string RangeEnd = "~";

    /// <summary>The month partition of an instant: <c>yyyy-MM</c> in UTC.</summary>
    public static string Partition(DateTimeOffset instant) => Partition(DateOnly.FromDateTime(instant.UtcDateTime));

    public static string Partition(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first day of a partition's month; false for anything that is not <c>yyyy-MM</c>.</summary>
    public static bool TryParsePartition(string partition, out DateOnly firstDay) =>
        DateOnly.TryParseExact(partition + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MarkerRow(string recordId) => MarkerPrefix + recordId;

    public static string DailyRow(DateOnly day, AggregateDimension dimension, int bucket) =>
        string.Create(CultureInfo.InvariantCulture, $"{DailyPrefix}{Day(day)}|{dimension.Name}|{bucket}");

    public static string MonthlyRow(AggregateDimension dimension, int bucket) =>
        string.Create(CultureInfo.InvariantCulture, $"{MonthlyPrefix}{dimension.Name}|{bucket}");

    /// <summary>The row-key range [from, toExclusive) of every daily row from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public static (string From, string ToExclusive) DailyRange(DateOnly first, DateOnly last) =>
        (DailyPrefix + Day(first) + "|", DailyPrefix + Day(last) + "|" + RangeEnd);

    /// <summary>The row-key range of every monthly row of a partition.</summary>
    public static (string From, string ToExclusive) MonthlyRange() => (MonthlyPrefix, MonthlyPrefix + RangeEnd);

    /// <summary>The row-key range of every marker of a partition.</summary>
    public static (string From, string ToExclusive) MarkerRange() => (MarkerPrefix, MarkerPrefix + RangeEnd);

    /// <summary>
    /// The bucket of a value: FNV-1a over its UTF-16 code units, modulo the dimension's bucket count. Stable across
    /// processes and versions (string.GetHashCode is randomised per process, so it cannot be used).
    /// </summary>
    public static int Bucket(string value, AggregateDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (dimension.Buckets <= 1)
        {
            return 0;
        }

        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)dimension.Buckets);
    }
}
