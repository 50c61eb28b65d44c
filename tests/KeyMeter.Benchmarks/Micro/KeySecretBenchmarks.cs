using BenchmarkDotNet.Attributes;
using KeyMeter.Core.Keys;

namespace KeyMeter.Benchmarks.Micro;

/// <summary>The per-request cost of turning a presented key into its cache and storage key.</summary>
[MemoryDiagnoser]
public class KeySecretBenchmarks
{
    private readonly string _secret = KeySecret.Generate();

    [Benchmark(Description = "KeySecret.Hash")]
    public string Hash() => KeySecret.Hash(_secret);
}
