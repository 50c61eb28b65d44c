using System.Diagnostics;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>Nearest-rank percentiles of call durations, in milliseconds.</summary>
internal readonly record struct LatencyStats(int Count, double P50, double P99, double Mean)
{
    public static LatencyStats Of(IEnumerable<long> ticks)
    {
        var sorted = ticks.Order().ToArray();
        return sorted.Length == 0
            ? new LatencyStats(0, double.NaN, double.NaN, double.NaN)
            : new LatencyStats(sorted.Length, Milliseconds(Rank(sorted, 0.50)), Milliseconds(Rank(sorted, 0.99)), Milliseconds((long)sorted.Average()));
    }

    private static long Rank(long[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
