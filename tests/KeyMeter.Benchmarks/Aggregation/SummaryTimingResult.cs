using KeyMeter.Core.Reports;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>Timed runs of one summary, the last report it returned, its queries, and the processor time of the timed runs.</summary>
internal sealed record SummaryTimingResult(ReportGroupBy GroupBy, DurationStats Duration, SummaryReport Report, IReadOnlyList<QueryTiming> Queries, CpuTimes Cpu);
