namespace KeyMeter.Benchmarks.Proxy;

/// <summary>How the warm-up ended: <see cref="Settled"/> when the JIT had stopped compiling before the time limit.</summary>
internal sealed record WarmUpResult(TimeSpan Elapsed, int Rounds, long CompiledInLastRound, bool Settled);
