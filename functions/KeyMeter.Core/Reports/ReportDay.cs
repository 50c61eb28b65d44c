using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>One day of a daily report; a day without usage has <see cref="AggregateCounters.Zero"/>.</summary>
public sealed record ReportDay(DateOnly Date, AggregateCounters Counters);
