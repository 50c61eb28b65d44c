namespace KeyMeter.Core.Reports;

/// <summary>
/// Spend per day stacked by a grouping: the top values' series, then one <see cref="DailySeriesBuilder.Other"/>
/// series for the rest (smaller values, untagged usage), so the stacks of a day add up to its total.
/// </summary>
/// <param name="Totals">The organisation's spend on each day.</param>
public sealed record DailySeriesReport(ReportRange Range, ReportGroupBy GroupBy, IReadOnlyList<DateOnly> Days, IReadOnlyList<decimal> Totals, IReadOnlyList<DailySeries> Series);
