using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// Which queries answer a report. Every query stays inside one month partition, so it is a single row-key range scan
/// (<see cref="AggregateKeys"/>); a summary asks a handful of them, which <see cref="AggregateReports"/> runs at once.
/// </summary>
internal static class ReportPlan
{
    /// <summary>
    /// A summary: one query per month piece, of the grouping dimension's rows, the month's rollups for a month the range
    /// covers whole and daily rows otherwise (a day grouping reads the organisation's daily rows, never a rollup). A tag
    /// grouping also needs the organisation total (<see cref="SummaryBuilder"/>): for a whole month the one query takes
    /// every rollup row, which are few because the big <see cref="AggregateDimension.Line"/> dimension has none; for a
    /// part of a month the organisation's daily rows are a second query, as a daily read filters one dimension only.
    /// </summary>
    public static IReadOnlyList<ReportRead> Summary(ReportRange range, ReportGroupBy groupBy)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(groupBy);
        var reads = new List<ReportRead>();
        foreach (var month in range.Months())
        {
            if (month.IsWholeMonth && !groupBy.IsDay && groupBy.Dimension.HasMonthlyRollup)
            {
                reads.Add(ReportRead.MonthlyOf(month, groupBy.IsTag ? null : groupBy.Dimension));
                continue;
            }

            reads.Add(ReportRead.DailyOf(month, groupBy.Dimension));
            if (groupBy.IsTag)
            {
                reads.Add(ReportRead.DailyOf(month, AggregateDimension.Organisation));
            }
        }

        return reads;
    }

    /// <summary>One key by day: the daily rows of the one key bucket that holds it.</summary>
    public static IReadOnlyList<ReportRead> KeyDaily(string keyId, ReportRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var bucket = AggregateKeys.Bucket(keyId, AggregateDimension.Key);
        return [.. range.Months().Select(month => ReportRead.DailyOf(month, AggregateDimension.Key, bucket))];
    }

    /// <summary>
    /// The CSV export: every daily row. Tag dimensions are not known in advance, so the query is not filtered by
    /// dimension; <see cref="UsageCsvWriter"/> skips the line rows.
    /// </summary>
    public static IReadOnlyList<ReportRead> UsageExport(ReportRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return [.. range.Months().Select(month => ReportRead.DailyOf(month, null))];
    }

    /// <summary>The FOCUS export: the daily rows of the line dimension.</summary>
    public static IReadOnlyList<ReportRead> FocusExport(ReportRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return [.. range.Months().Select(month => ReportRead.DailyOf(month, AggregateDimension.Line))];
    }
}
