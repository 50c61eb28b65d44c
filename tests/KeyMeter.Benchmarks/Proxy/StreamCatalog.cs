namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// The streamed completions the fake upstream can send, built once: a short answer in token-sized deltas (for time to
/// first byte) and bodies of a given size in events of about <see cref="BenchmarkSettings.EventBytes"/>.
/// </summary>
internal sealed class StreamCatalog
{
    /// <summary>Size key of the short, token-by-token answer.</summary>
    public const int Tokens = 0;

    private const int TokenEvents = 48;
    private const int TokenBytes = 5;

    private readonly Dictionary<int, (byte[][] Plain, byte[][] WithUsage)> _streams = [];

    public StreamCatalog(IEnumerable<int> bodySizes)
    {
        _streams[Tokens] = (ChatPayloads.Stream(TokenEvents, TokenBytes, false), ChatPayloads.Stream(TokenEvents, TokenBytes, true));
        foreach (var size in bodySizes)
        {
            var events = Math.Max(1, size / BenchmarkSettings.EventBytes);
            var piece = BenchmarkSettings.EventBytes - ChatPayloads.ContentEventOverhead(includeUsage: false);
            _streams[size] = (ChatPayloads.Stream(events, piece, false), ChatPayloads.Stream(events, piece, true));
        }
    }

    public byte[][]? Find(int size, bool includeUsage) =>
        _streams.TryGetValue(size, out var stream) ? (includeUsage ? stream.WithUsage : stream.Plain) : null;

    /// <summary>
    /// What a client that did not ask for usage receives: the stream as sent directly, or, through KeyMeter (which asks
    /// for usage), the stream with usage minus the usage-only chunk KeyMeter removes.
    /// </summary>
    public long ClientBytes(int size, bool throughKeyMeter)
    {
        var (plain, withUsage) = _streams[size];
        return throughKeyMeter
            ? withUsage.Sum(e => (long)e.Length) - withUsage[^2].Length
            : plain.Sum(e => (long)e.Length);
    }
}
