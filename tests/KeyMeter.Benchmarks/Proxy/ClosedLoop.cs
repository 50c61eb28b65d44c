using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Load generators with a bound on both count and time: <see cref="RunAsync"/> keeps <c>concurrency</c> calls in
/// flight (each worker starts its next call when the last one ends); <see cref="AlternateAsync"/> runs several targets one
/// call at a time, rotating which goes first, so all see the same conditions.
/// </summary>
internal static class ClosedLoop
{
    public const int BufferBytes = 16 * 1024;

    public static async Task<LoadResult> RunAsync(
        int count, int concurrency, TimeSpan limit, Func<byte[], CancellationToken, ValueTask<Measurement>> call, CancellationToken cancellationToken)
    {
        var next = new StrongBox<int>(-1);
        var cpu = Environment.CpuUsage.TotalTime;
        using var sampler = MemorySampler.Start();
        var started = Stopwatch.GetTimestamp();
        var workers = new Task<List<Measurement>>[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            workers[w] = Task.Run(() => WorkAsync(count, concurrency, limit, started, next, call, cancellationToken), cancellationToken);
        }

        var calls = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuTime = Environment.CpuUsage.TotalTime - cpu;
        return new LoadResult([.. calls.SelectMany(c => c)], elapsed, cpuTime, sampler.Stop().AllocatedBytes);
    }

    public static async Task<LoadResult[]> AlternateAsync(
        int count, TimeSpan limit, Func<Target, byte[], CancellationToken, ValueTask<Measurement>> call, IReadOnlyList<Target> targets, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        var calls = targets.Select(_ => new List<Measurement>(count)).ToArray();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count && Stopwatch.GetElapsedTime(started) < limit; i++)
        {
            for (var j = 0; j < targets.Count; j++)
            {
                var t = (i + j) % targets.Count;
                calls[t].Add(await call(targets[t], buffer, cancellationToken));
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return [.. calls.Select(c => new LoadResult(c, elapsed, TimeSpan.Zero, 0))];
    }

    private static async Task<List<Measurement>> WorkAsync(
        int count, int concurrency, TimeSpan limit, long started, StrongBox<int> next, Func<byte[], CancellationToken, ValueTask<Measurement>> call, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        var calls = new List<Measurement>((int)Math.Min(((long)count / concurrency) + 1, 16 * 1024));
        while (Stopwatch.GetElapsedTime(started) < limit && Interlocked.Increment(ref next.Value) < count)
        {
            calls.Add(await call(buffer, cancellationToken));
        }

        return calls;
    }
}
