namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// How much the proxy benchmark does. Full mode stays under about three minutes on two cores, quick mode under
/// about thirty seconds; every phase also stops at <see cref="PhaseLimit"/> whatever its count.
/// </summary>
/// <param name="SequentialRequests">Non-streaming calls at concurrency 1, per side: chat completions, and as many Claude calls.</param>
/// <param name="ConcurrentRequests">Non-streaming calls at <see cref="Concurrency"/>, per side; also gives the RPS.</param>
/// <param name="StreamRequests">Streaming calls at concurrency 1 for time to first byte, per side.</param>
/// <param name="MemoryClients">Concurrent streaming clients in each memory run.</param>
/// <param name="WarmUp">The shortest warm-up; it goes on until the JIT has settled, at most <see cref="MaxWarmUp"/>.</param>
internal sealed record BenchmarkSettings(
    string Mode,
    TimeSpan WarmUp,
    TimeSpan MaxWarmUp,
    int SequentialRequests,
    int ConcurrentRequests,
    int Concurrency,
    int StreamRequests,
    int MemoryClients,
    TimeSpan PhaseLimit)
{
    public const int SmallBodyBytes = 64 * 1024;
    public const int LargeBodyBytes = 1024 * 1024;
    public const int EventBytes = 16 * 1024;

    // Alternating blocks per side at concurrency 32, so drift (tiering, GC, the other processes) hits both alike.
    public const int ConcurrentBlocks = 20;

    public static BenchmarkSettings Full { get; } = new("full", TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(75), 2_000, 20_000, 32, 1_000, 100, TimeSpan.FromSeconds(40));

    public static BenchmarkSettings Quick { get; } = new("quick", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12), 300, 2_000, 32, 150, 100, TimeSpan.FromSeconds(6));

    public static bool TryParse(IReadOnlyList<string> args, out BenchmarkSettings settings)
    {
        settings = args switch
        {
            [] => Full,
            ["--quick"] => Quick,
            _ => null!,
        };
        return settings is not null;
    }
}
