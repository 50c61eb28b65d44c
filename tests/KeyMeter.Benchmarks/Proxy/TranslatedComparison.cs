namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// The same Claude calls sent directly to the upstream's Messages API and through KeyMeter's <c>/v1/chat/completions</c>,
/// which translates Chat Completions to Messages and the answer back. There is no bare forwarder side: it does not
/// translate.
/// </summary>
internal sealed record TranslatedComparison(LoadResult Direct, LoadResult Proxied)
{
    public static TranslatedComparison Of(IReadOnlyList<LoadResult> results) => new(results[0], results[1]);
}
