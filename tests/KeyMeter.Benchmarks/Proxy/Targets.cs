namespace KeyMeter.Benchmarks.Proxy;

/// <summary>The targets of the issue, checked against the measurements.</summary>
internal static class Targets
{
    /// <summary>Added p50 latency of a small non-streaming completion at concurrency 1.</summary>
    public const double MaxAddedP50Milliseconds = 0.3;

    /// <summary>Requests per second through KeyMeter as a share of direct, at concurrency 32.</summary>
    public const double MinThroughputRatio = 0.70;

    /// <summary>
    /// "Memory does not grow with body size": going from the small to the large body, KeyMeter's share (through
    /// KeyMeter minus direct) of the peak working set, the peak managed heap and the live heap mid-stream may each grow
    /// by at most this share of the extra body bytes (clients × difference in size). A proxy that buffered bodies would
    /// grow by about all of it (half of it mid-stream).
    /// </summary>
    public const double MaxGrowthShareOfBodies = 0.10;

    public static string Verdict(bool pass) => pass ? "PASS" : "MISS";
}
