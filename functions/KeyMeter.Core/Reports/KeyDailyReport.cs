using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>One key's usage, day by day over a range.</summary>
/// <param name="Days">Every day of the range in order, zeros included.</param>
/// <param name="HasUsage">False when no aggregate row of the range mentions the key at all.</param>
public sealed record KeyDailyReport(string KeyId, ReportRange Range, AggregateCounters Total, IReadOnlyList<ReportDay> Days, bool HasUsage);
