using System.Diagnostics;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Memory while many clients stream at once. The upstream holds every stream at its middle until all are there; the
/// live heap is read then, so a proxy that kept response bodies would show about half of every body in it. The
/// sampler records the peaks of the whole run. A linear algorithm; its steps are numbered.
/// </summary>
internal static class MemoryScenario
{
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(15);

    public static async Task<MemoryRun> RunAsync(
        LoadClient client, FakeUpstream upstream, Target target, int clients, int bodyBytes, TimeSpan limit, CancellationToken cancellationToken)
    {
        // 1. A clean start, so runs compare: client buffers allocated first, then a full compacting collection.
        var buffers = Enumerable.Range(0, clients).Select(_ => new byte[ClosedLoop.BufferBytes]).ToArray();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var liveBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var workingSet = new WorkingSet();
        var workingSetBefore = workingSet.Read();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        // 2. Every client at once; the upstream holds each stream at its middle.
        upstream.Gate.Arm(clients);
        using var sampler = MemorySampler.Start();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var started = Stopwatch.GetTimestamp();
        var calls = buffers.Select(buffer => Task.Run(() => StreamAsync(client, target, bodyBytes, buffer, timeout.Token), CancellationToken.None)).ToArray();

        // 3. All streams in flight and half sent: the live heap, after a full collection.
        long liveMidStream;
        try
        {
            await upstream.Gate.AllArrived.WaitAsync(HoldTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Measured anyway; the report shows how many streams were held.
        }
        finally
        {
            liveMidStream = GC.GetTotalMemory(forceFullCollection: true);
            upstream.Gate.Release();
        }

        var held = upstream.Gate.Arrived;

        // 4. Every stream to its end.
        var results = await Task.WhenAll(calls);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var peaks = sampler.Stop();
        GC.KeepAlive(buffers);
        return new MemoryRun(
            target,
            clients,
            bodyBytes,
            results.Count(result => !result.Ok),
            held,
            peaks,
            workingSetBefore,
            liveBefore,
            liveMidStream,
            peaks.AllocatedBytes / clients,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            elapsed);
    }

    private static async Task<Measurement> StreamAsync(LoadClient client, Target target, int bodyBytes, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await client.StreamAsync(target, bodyBytes, hold: true, buffer, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return new Measurement(0, 0, false);
        }
    }
}
