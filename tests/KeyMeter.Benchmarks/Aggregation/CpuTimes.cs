using System.Diagnostics;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>Processor time used so far by this process (the benchmark and the aggregators) and by Azurite's Node.js process.</summary>
internal readonly record struct CpuTimes(TimeSpan Benchmark, TimeSpan Azurite)
{
    public static CpuTimes Of(int azuriteProcessId)
    {
        using var self = Process.GetCurrentProcess();
        using var azurite = Process.GetProcessById(azuriteProcessId);
        return new CpuTimes(self.TotalProcessorTime, azurite.TotalProcessorTime);
    }

    public static CpuTimes operator -(CpuTimes after, CpuTimes before) => new(after.Benchmark - before.Benchmark, after.Azurite - before.Azurite);
}
