using System.Globalization;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// Where aggregates live in the <c>aggregates</c> table. One partition per UTC month of the records' start times holds
/// everything a record touches, so one entity-group transaction can insert its marker and update every aggregate row
/// it adds to (exactly-once counting, see the README's Architecture section):
/// <list type="bullet">
/// <item><c>r|{recordId}</c>: the marker that says the record was counted;</item>
/// <item><c>d|{yyyy-MM-dd}|{dimension}|{bucket}</c>: one day of one dimension (a wide row, <see cref="AggregateRow"/>);</item>
/// <item><c>m|{dimension}|{bucket}</c>: the month's rollup of one dimension.</item>
/// </list>
/// Daily rows sort by day first, so a report over a range of days is one row-key range scan per month, and the
/// aggregator loads all rows of a day with one query.
/// <para>
/// Aggregate rows are sharded per writer so that writers side by side do not take turns on the same rows: shard 0 is
/// the key above, shard <c>n</c> (1 to <see cref="Shards"/> − 1) appends <c>|s{n}</c>. The logical row is the sum of its
/// shards; rows written before shards existed have no suffix and are shard 0, so they stay readable as they are. A
/// shard suffix sorts right after its shard-0 key, so every range above still covers all shards.
/// </para>
/// </summary>
public static class AggregateKeys
{
    public const string TableName = "aggregates";

    public const string MarkerPrefix = "r|";
    public const string DailyPrefix = "d|";
    public const string MonthlyPrefix = "m|";

    /// <summary>How many shards a logical aggregate row may have: the most writers that count into one month side by side without sharing rows.</summary>
    public const int Shards = 16;

    /// <summary>Sorts after every row key character used under a prefix (<c>|</c> is U+007C, <c>~</c> U+007E).</summary>
    private const string RangeEnd = "~";

    private const string ShardSeparator = "|s";

    /// <summary>The month partition of an instant: <c>yyyy-MM</c> in UTC.</summary>
    public static string Partition(DateTimeOffset instant) => Partition(DateOnly.FromDateTime(instant.UtcDateTime));

    public static string Partition(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first day of a partition's month; false for anything that is not <c>yyyy-MM</c>.</summary>
    public static bool TryParsePartition(string partition, out DateOnly firstDay) =>
        DateOnly.TryParseExact(partition + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MarkerRow(string recordId) => MarkerPrefix + recordId;

    /// <summary>The daily row of one dimension bucket; shard 0 (the default) has no suffix.</summary>
    public static string DailyRow(DateOnly day, AggregateDimension dimension, int bucket, int shard = 0) =>
        WithShard(string.Create(CultureInfo.InvariantCulture, $"{DailyPrefix}{Day(day)}|{dimension.Name}|{bucket}"), shard);

    /// <summary>The monthly rollup row of one dimension bucket; shard 0 (the default) has no suffix.</summary>
    public static string MonthlyRow(AggregateDimension dimension, int bucket, int shard = 0) =>
        WithShard(string.Create(CultureInfo.InvariantCulture, $"{MonthlyPrefix}{dimension.Name}|{bucket}"), shard);

    /// <summary>
    /// The shard of an aggregate row key: the <c>n</c> of a <c>|s{n}</c> suffix, 0 without one. False for a suffix that
    /// is not a shard this version writes (<c>|s0</c>, a leading zero, <see cref="Shards"/> or more, not digits).
    /// </summary>
    public static bool TryGetShard(string rowKey, out int shard)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        shard = 0;
        var at = rowKey.LastIndexOf(ShardSeparator, StringComparison.Ordinal);
        if (at < 0 || rowKey.IndexOf('|', at + 1) >= 0)
        {
            return true;
        }

        var digits = rowKey.AsSpan(at + ShardSeparator.Length);
        return digits.Length is > 0 and <= 2 && digits[0] != '0'
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out shard) && shard < Shards;
    }

    /// <summary>The row key of the same logical row in shard 0: <paramref name="rowKey"/> without its shard suffix.</summary>
    public static string LogicalRow(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        return TryGetShard(rowKey, out var shard) && shard > 0 ? rowKey[..rowKey.LastIndexOf(ShardSeparator, StringComparison.Ordinal)] : rowKey;
    }

    /// <summary>The row-key range [from, toExclusive) of every daily row from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public static (string From, string ToExclusive) DailyRange(DateOnly first, DateOnly last) =>
        (DailyPrefix + Day(first) + "|", DailyPrefix + Day(last) + "|" + RangeEnd);

    /// <summary>The row-key range of every monthly row of a partition.</summary>
    public static (string From, string ToExclusive) MonthlyRange() => (MonthlyPrefix, MonthlyPrefix + RangeEnd);

    /// <summary>The row-key range of one day's rows of one dimension: every bucket and every shard.</summary>
    public static (string From, string ToExclusive) DailyRange(DateOnly day, AggregateDimension dimension)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{DailyPrefix}{Day(day)}|{dimension.Name}|");
        return (prefix, prefix + RangeEnd);
    }

    /// <summary>The row-key range of one dimension's monthly rows: every bucket and every shard.</summary>
    public static (string From, string ToExclusive) MonthlyRange(AggregateDimension dimension)
    {
        var prefix = MonthlyPrefix + dimension.Name + "|";
        return (prefix, prefix + RangeEnd);
    }

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

    private static string WithShard(string rowKey, int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, Shards);
        return shard == 0 ? rowKey : string.Create(CultureInfo.InvariantCulture, $"{rowKey}{ShardSeparator}{shard}");
    }
}
