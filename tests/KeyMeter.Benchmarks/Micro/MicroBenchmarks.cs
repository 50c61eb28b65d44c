using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace KeyMeter.Benchmarks.Micro;

/// <summary>
/// Runs the BenchmarkDotNet suite in process (no generated project to build, which the repository's warnings-as-errors
/// and central package management would get in the way of), with a short job that fits a two-core machine.
/// </summary>
internal static class MicroBenchmarks
{
    public static int Run(string[] args)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(4)
            .WithIterationCount(12)
            .WithId("InProcess");
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkSwitcher
            .FromTypes([typeof(RequestInspectorBenchmarks), typeof(UsageMeterBenchmarks), typeof(KeySecretBenchmarks)])
            .Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
    }
}
