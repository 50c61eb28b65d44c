namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// One memory run: <see cref="Clients"/> concurrent streams of <see cref="BodyBytes"/> each, held together at their
/// middle once. Sizes are in bytes.
/// </summary>
/// <param name="Held">Streams that reached the middle before the live heap was read (all of them, normally).</param>
/// <param name="LiveHeapMidStream">Managed heap after a full collection while every stream was held half sent.</param>
/// <param name="AllocatedPerStream">Bytes allocated by the whole process during the run, per stream.</param>
internal sealed record MemoryRun(
    Target Target,
    int Clients,
    int BodyBytes,
    int Errors,
    int Held,
    MemoryPeaks Peaks,
    long WorkingSetBefore,
    long LiveHeapBefore,
    long LiveHeapMidStream,
    long AllocatedPerStream,
    int Gen0,
    int Gen1,
    int Gen2,
    TimeSpan Elapsed);
