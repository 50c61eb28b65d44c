namespace KeyMeter.Benchmarks.Proxy;

/// <summary>The memory runs for one body size: directly, through the bare forwarder and through KeyMeter.</summary>
internal sealed record MemoryComparison(int BodyBytes, MemoryRun Direct, MemoryRun Forwarded, MemoryRun Proxied)
{
    public IEnumerable<MemoryRun> Runs => [Direct, Forwarded, Proxied];

    public static MemoryComparison Of(int bodyBytes, IReadOnlyList<MemoryRun> runs) => new(bodyBytes, runs[0], runs[1], runs[2]);
}
