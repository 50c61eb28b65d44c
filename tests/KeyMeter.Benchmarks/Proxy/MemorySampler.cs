namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Samples the process every few milliseconds on a thread of its own (the thread pool is busy with the load) and keeps
/// the peaks: working set, managed heap as <see cref="GC.GetTotalMemory(bool)"/> reports it (live objects plus garbage
/// not yet collected), and the GC's committed memory from <see cref="GC.GetGCMemoryInfo()"/>; and counts the bytes
/// allocated meanwhile.
/// </summary>
/// <remarks>
/// Allocations are summed step by step rather than as one difference: under DATAS, server GC's default since .NET 9,
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/> drops when a heap is decommissioned and jumps back by that heap's
/// lifetime total when it returns (https://github.com/dotnet/runtime/pull/131069; seen here as 300 MB "allocated" by 100
/// small streams). A drop only moves the baseline, and a step no workload here could allocate in one interval is not
/// counted.
/// </remarks>
internal sealed class MemorySampler : IDisposable
{
    private const long MaxPlausibleStepBytes = 64L * 1024 * 1024;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    private readonly WorkingSet _workingSet = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _peakWorkingSet;
    private long _peakManagedHeap;
    private long _peakCommitted;
    private long _lastAllocated = GC.GetTotalAllocatedBytes(precise: false);
    private long _allocated;

    private MemorySampler()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "memory sampler" };
    }

    public static MemorySampler Start()
    {
        var sampler = new MemorySampler();
        sampler._thread.Start();
        return sampler;
    }

    public MemoryPeaks Stop()
    {
        _stopping = true;
        _thread.Join();
        return new MemoryPeaks(_peakWorkingSet, _peakManagedHeap, _peakCommitted, _allocated);
    }

    private void Run()
    {
        while (!_stopping)
        {
            Sample();
            Thread.Sleep(Interval);
        }

        Sample();
    }

    private void Sample()
    {
        _peakWorkingSet = Math.Max(_peakWorkingSet, _workingSet.Read());
        _peakManagedHeap = Math.Max(_peakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
        _peakCommitted = Math.Max(_peakCommitted, GC.GetGCMemoryInfo().TotalCommittedBytes);
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        if (allocated - _lastAllocated is > 0 and < MaxPlausibleStepBytes)
        {
            _allocated += allocated - _lastAllocated;
        }

        _lastAllocated = allocated;
    }

    public void Dispose()
    {
        if (!_stopping)
        {
            Stop();
        }

        _workingSet.Dispose();
    }
}
