using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>One line of a summary: a dimension value (or a day) and what it adds up to.</summary>
public sealed record ReportGroup(string Value, AggregateCounters Counters);
