namespace KeyMeter.Benchmarks.Proxy;

/// <summary>The targets of the issue, checked against the measurements.</summary>
internal static class Targets
{
    /// <summary>
    /// Added p50 latency of a small non-streaming call at concurrency 1, through KeyMeter minus direct: for a chat
    /// completion, and for a Claude call translated from Chat Completions to Messages and back.
    /// </summary>
    public const double MaxAddedP50Milliseconds = 0.3;

    /// <summary>
    /// Requests per second through KeyMeter as a share of those through the bare reference forwarder, at concurrency 32.
    /// The forwarder pays what any proxy hop costs on this machine (a second server and client on the same cores), so
    /// this share is what KeyMeter's own work leaves of it; the share of direct is shown beside it for information.
    /// </summary>
    public const double MinThroughputShareOfForwarder = 0.85;

    /// <summary>
    /// KeyMeter's own buffers per stream in flight, in bytes: its live heap per stream, held mid-stream after a full
    /// collection, minus the bare forwarder's in the same run shape. Both runs hold the client's and the upstream's
    /// share and a hop's connections, so the difference is what KeyMeter keeps per stream beyond a bare hop. Judged on
    /// the large-body run, where a proxy that kept bodies would show it most.
    /// </summary>
    public const long MaxOwnBuffersPerStreamBytes = 32 * 1024;

    /// <summary>
    /// "Memory does not grow with body size": going from the small to the large body, KeyMeter's share (through
    /// KeyMeter minus direct) of the peak working set, the peak managed heap and the live heap mid-stream may each grow
    /// by at most this share of the extra body bytes (clients × difference in size). A proxy that buffered bodies would
    /// grow by about all of it (half of it mid-stream).
    /// </summary>
    public const double MaxGrowthShareOfBodies = 0.10;

    public static string Verdict(bool pass) => pass ? "PASS" : "MISS";
}
