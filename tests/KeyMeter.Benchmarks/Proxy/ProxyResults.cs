namespace KeyMeter.Benchmarks.Proxy;

/// <summary>Everything one proxy benchmark run measured, for <see cref="ProxyReport"/>.</summary>
/// <param name="UsageRecords">Records KeyMeter published during the measured phases (one per proxied call expected).</param>
/// <param name="UsageNotExact">Of those, records not "completed" with exact usage.</param>
internal sealed record ProxyResults(
    BenchmarkSettings Settings,
    WarmUpResult WarmUp,
    Comparison Sequential,
    Comparison Concurrent,
    Comparison Streaming,
    IReadOnlyList<MemoryComparison> Memory,
    long ProxiedCalls,
    long UsageRecords,
    long UsageNotExact,
    TimeSpan Duration)
{
    /// <summary>Every call answered as expected and every proxied call metered exactly once: the figures can be trusted.</summary>
    public bool Sound =>
        FailedCalls(c => c.Direct, m => m.Direct) + FailedCalls(c => c.Forwarded, m => m.Forwarded) + FailedCalls(c => c.Proxied, m => m.Proxied) == 0
        && UsageRecords == ProxiedCalls
        && UsageNotExact == 0;

    public int FailedCalls(Func<Comparison, LoadResult> side, Func<MemoryComparison, MemoryRun> memorySide) =>
        new[] { Sequential, Concurrent, Streaming }.Sum(c => side(c).Errors) + Memory.Sum(m => memorySide(m).Errors);
}
