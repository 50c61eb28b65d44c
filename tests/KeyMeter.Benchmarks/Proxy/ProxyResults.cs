namespace KeyMeter.Benchmarks.Proxy;

/// <summary>Everything one proxy benchmark run measured, for <see cref="ProxyReport"/>.</summary>
/// <param name="Claude">Claude calls at concurrency 1, directly to Messages and through KeyMeter's translating <c>/v1</c>.</param>
/// <param name="ProxiedCalls">Calls through KeyMeter in the measured phases, Claude calls included.</param>
/// <param name="UsageRecords">Records KeyMeter published during the measured phases (one per proxied call expected).</param>
/// <param name="UsageNotExact">Of those, records not "completed" with exact usage.</param>
internal sealed record ProxyResults(
    BenchmarkSettings Settings,
    WarmUpResult WarmUp,
    Comparison Sequential,
    TranslatedComparison Claude,
    Comparison Concurrent,
    Comparison Streaming,
    IReadOnlyList<MemoryComparison> Memory,
    long ProxiedCalls,
    long UsageRecords,
    long UsageNotExact,
    TimeSpan Duration)
{
    /// <summary>Every call answered as expected and every proxied call metered exactly once: the figures can be trusted.</summary>
    public bool Sound => FailedDirect + FailedForwarded + FailedProxied == 0 && UsageRecords == ProxiedCalls && UsageNotExact == 0;

    /// <summary>Direct calls that failed or were answered wrongly, in every phase.</summary>
    public int FailedDirect => Failed(c => c.Direct, m => m.Direct) + Claude.Direct.Errors;

    /// <summary>Calls through the bare forwarder that failed or were answered wrongly, in every phase.</summary>
    public int FailedForwarded => Failed(c => c.Forwarded, m => m.Forwarded);

    /// <summary>Calls through KeyMeter that failed or were answered wrongly, in every phase.</summary>
    public int FailedProxied => Failed(c => c.Proxied, m => m.Proxied) + Claude.Proxied.Errors;

    private int Failed(Func<Comparison, LoadResult> side, Func<MemoryComparison, MemoryRun> memorySide) =>
        new[] { Sequential, Concurrent, Streaming }.Sum(c => side(c).Errors) + Memory.Sum(m => memorySide(m).Errors);
}
