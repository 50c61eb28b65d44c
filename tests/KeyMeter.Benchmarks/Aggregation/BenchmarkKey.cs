namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>A developer key as the usage records carry it: its id, its owner's email and its tags.</summary>
internal sealed record BenchmarkKey(string KeyId, string OwnerEmail, IReadOnlyDictionary<string, string> Tags);
