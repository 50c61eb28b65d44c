using System.Diagnostics;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>Nearest-rank percentiles and the maximum of durations given in Stopwatch ticks, in milliseconds.</summary>
internal readonly record struct DurationStats(int Count, double P50, double P95, double Max)
{
    public static DurationStats Of(IEnumerable<long> ticks)
    {
        var sorted = ticks.Order().ToArray();
        return sorted.Length == 0
            ? new DurationStats(0, double.NaN, double.NaN, double.NaN)
            : new DurationStats(sorted.Length, Milliseconds(Rank(sorted, 0.50)), Milliseconds(Rank(sorted, 0.95)), Milliseconds(sorted[^1]));
    }

    public static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static long Rank(long[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
