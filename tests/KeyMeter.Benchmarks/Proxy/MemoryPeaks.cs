namespace KeyMeter.Benchmarks.Proxy;

/// <summary>The highest values <see cref="MemorySampler"/> saw, and the bytes allocated while it ran.</summary>
internal readonly record struct MemoryPeaks(long WorkingSet, long ManagedHeap, long GcCommitted, long AllocatedBytes);
