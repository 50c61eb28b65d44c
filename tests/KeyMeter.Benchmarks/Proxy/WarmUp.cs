using System.Diagnostics;
using System.Runtime;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Warms every path alike until the JIT has settled. Tiered compilation promotes a hot method only after it has run a
/// while and the background compiler got CPU time; under full load on two cores that takes far longer than a fixed
/// pause (profiled: ProxyHandler.HandleAsync still ran at tier 0 twenty seconds into a run). So rounds of every call
/// shape the phases use repeat, with a short idle gap as a server has between bursts, until two rounds in a row
/// compile almost nothing new, or <c>maximum</c> is reached.
/// </summary>
internal static class WarmUp
{
    private const int QuietRoundMethods = 3;
    private const int QuietRoundsNeeded = 2;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(200);

    /// <param name="targets">Paths that take every call shape: small completions at both concurrencies, short and large streams.</param>
    /// <param name="claudeTargets">Paths that take small non-streaming calls only (the Claude calls).</param>
    public static async Task<WarmUpResult> RunAsync(
        LoadClient client, IReadOnlyList<Target> targets, IReadOnlyList<Target> claudeTargets, int concurrency, TimeSpan minimum, TimeSpan maximum, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var rounds = 0;
        var quietRounds = 0;
        long compiled;
        do
        {
            var before = JitInfo.GetCompiledMethodCount();
            foreach (var target in targets)
            {
                await ClosedLoop.RunAsync(int.MaxValue, concurrency, Slice, (b, ct) => client.CompleteAsync(target, b, ct), cancellationToken);
                await ClosedLoop.RunAsync(int.MaxValue, 1, Slice / 4, (b, ct) => client.CompleteAsync(target, b, ct), cancellationToken);
                await ClosedLoop.RunAsync(int.MaxValue, 8, Slice / 2, (b, ct) => client.StreamAsync(target, StreamCatalog.Tokens, false, b, ct), cancellationToken);
                await ClosedLoop.RunAsync(int.MaxValue, 8, Slice / 2, (b, ct) => client.StreamAsync(target, BenchmarkSettings.LargeBodyBytes, false, b, ct), cancellationToken);
            }

            foreach (var target in claudeTargets)
            {
                await ClosedLoop.RunAsync(int.MaxValue, 8, Slice / 2, (b, ct) => client.CompleteAsync(target, b, ct), cancellationToken);
                await ClosedLoop.RunAsync(int.MaxValue, 1, Slice / 4, (b, ct) => client.CompleteAsync(target, b, ct), cancellationToken);
            }

            await Task.Delay(Idle, cancellationToken);
            compiled = JitInfo.GetCompiledMethodCount() - before;
            quietRounds = compiled <= QuietRoundMethods ? quietRounds + 1 : 0;
            rounds++;
        }
        while (Stopwatch.GetElapsedTime(started) < maximum && (Stopwatch.GetElapsedTime(started) < minimum || quietRounds < QuietRoundsNeeded));

        return new WarmUpResult(Stopwatch.GetElapsedTime(started), rounds, compiled, quietRounds >= QuietRoundsNeeded);
    }
}
