using System.Diagnostics;
using KeyMeter.Core.Reports;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>Runs a summary the way the reports endpoint does (<see cref="AggregateReports.SummaryAsync"/>), one run at a time.</summary>
internal static class SummaryTiming
{
    public static async Task<SummaryTimingResult> RunAsync(
        TimedAggregateReader reader,
        ReportRange range,
        ReportGroupBy groupBy,
        int warmUpRuns,
        int timedRuns,
        Func<CpuTimes> cpu,
        CancellationToken cancellationToken)
    {
        var reports = new AggregateReports(reader);
        for (var i = 0; i < warmUpRuns; i++)
        {
            await reports.SummaryAsync(range, groupBy, cancellationToken);
        }

        reader.Drain();
        var ticks = new long[timedRuns];
        SummaryReport? report = null;
        var cpuBefore = cpu();
        for (var i = 0; i < timedRuns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            report = await reports.SummaryAsync(range, groupBy, cancellationToken);
            ticks[i] = Stopwatch.GetTimestamp() - started;
        }

        return new SummaryTimingResult(groupBy, DurationStats.Of(ticks), report!, QueryTiming.Of(reader.Drain()), cpu() - cpuBefore);
    }
}
