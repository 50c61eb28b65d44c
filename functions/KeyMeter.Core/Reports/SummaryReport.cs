using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>Usage over a range broken down by <see cref="GroupBy"/>.</summary>
/// <param name="Total">The organisation's total, also when the groups do not cover every record (tags).</param>
/// <param name="Groups">By cost, highest first, then by value; by day for <see cref="ReportGroupBy.Day"/>.</param>
public sealed record SummaryReport(ReportRange Range, ReportGroupBy GroupBy, AggregateCounters Total, IReadOnlyList<ReportGroup> Groups);
