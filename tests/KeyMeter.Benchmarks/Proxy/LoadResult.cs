namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// The calls of one load run (or of several runs combined), with the wall-clock time, process CPU time and bytes
/// allocated by the whole process (client, upstream and, when proxied, KeyMeter) while they ran.
/// </summary>
internal sealed record LoadResult(IReadOnlyList<Measurement> Calls, TimeSpan Elapsed, TimeSpan CpuTime, long AllocatedBytes)
{
    public int Errors => Calls.Count(call => !call.Ok);

    public int Succeeded => Calls.Count - Errors;

    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;

    public double CpuMicrosecondsPerCall => Calls.Count == 0 ? 0 : CpuTime.TotalMicroseconds / Calls.Count;

    public double AllocatedBytesPerCall => Calls.Count == 0 ? 0 : (double)AllocatedBytes / Calls.Count;

    public LatencyStats FirstByte => LatencyStats.Of(Calls.Where(call => call.Ok).Select(call => call.FirstByteTicks));

    public LatencyStats Total => LatencyStats.Of(Calls.Where(call => call.Ok).Select(call => call.TotalTicks));

    public static LoadResult Combine(IReadOnlyCollection<LoadResult> runs) => new(
        [.. runs.SelectMany(run => run.Calls)],
        TimeSpan.FromTicks(runs.Sum(run => run.Elapsed.Ticks)),
        TimeSpan.FromTicks(runs.Sum(run => run.CpuTime.Ticks)),
        runs.Sum(run => run.AllocatedBytes));
}
