namespace KeyMeter.Benchmarks.Proxy;

/// <summary>The same load run directly against the upstream, through the bare reference forwarder and through KeyMeter.</summary>
internal sealed record Comparison(LoadResult Direct, LoadResult Forwarded, LoadResult Proxied)
{
    public static Comparison Of(IReadOnlyList<LoadResult> results) => new(results[0], results[1], results[2]);
}
