using System.Diagnostics;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Direct versus through KeyMeter, side by side in one run against one loopback upstream (shaped like OpenAI's Chat
/// Completions and Anthropic's Messages API), with a bare forwarder as the reference for what any proxy hop costs, and
/// Claude calls through KeyMeter's translating <c>/v1/chat/completions</c> against the Messages API direct. A linear
/// algorithm; its steps are numbered. Progress goes to stderr, the report to stdout and to
/// a file under BenchmarkDotNet.Artifacts (<see cref="BenchmarkReportFile"/>); the exit code is 1 when a call failed or was answered wrongly, or a
/// proxied call was not metered exactly once (the figures are then suspect), whatever the targets say.
/// </summary>
internal static class ProxyBenchmark
{
    private const string ProviderKey = "sk-proj-benchmark-provider-key-0123456789";
    private static readonly TimeSpan MemoryRunLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        var started = Stopwatch.GetTimestamp();
        using var cancel = RunCancellation.Start(RunLimit);
        var cancellationToken = cancel.Token;

        // 1. The upstream, the reference forwarder and KeyMeter in front of it, one client for all.
        Progress($"{settings.Mode} mode: starting the fake upstream, the reference forwarder, Azurite and KeyMeter");
        var streams = new StreamCatalog([BenchmarkSettings.SmallBodyBytes, BenchmarkSettings.LargeBodyBytes]);
        await using var upstream = await FakeUpstream.StartAsync(streams, ProviderKey, cancellationToken);
        await using var forwarder = await BareForwarder.StartAsync(upstream.BaseAddress, cancellationToken);
        await using var keyMeter = await KeyMeterUnderTest.StartAsync(upstream.BaseAddress, ProviderKey, cancellationToken);
        using var client = new LoadClient(streams);
        Target[] targets = [Target.Direct(upstream.BaseAddress, ProviderKey), Target.Forwarded(forwarder.BaseAddress, ProviderKey), Target.Proxied(keyMeter.BaseAddress, keyMeter.Secret)];
        Target[] claudeTargets = [Target.MessagesDirect(upstream.BaseAddress, ProviderKey), Target.ClaudeProxied(keyMeter.BaseAddress, keyMeter.Secret)];

        // 2. Warm-up of every path alike (JIT tiers, connection pools, the key cache, array pools) until the JIT settles.
        Progress($"warming up until the JIT settles ({settings.WarmUp.TotalSeconds:F0} to {settings.MaxWarmUp.TotalSeconds:F0} s)");
        var warmUp = await WarmUp.RunAsync(client, targets, claudeTargets, settings.Concurrency, settings.WarmUp, settings.MaxWarmUp, cancellationToken);
        Progress($"warm after {warmUp.Elapsed.TotalSeconds:F1} s, {warmUp.Rounds} rounds; {warmUp.CompiledInLastRound} methods compiled in the last round");

        var recordsBefore = keyMeter.Usage.Records;
        var notExactBefore = keyMeter.Usage.NotExact;

        // 3. Memory first, on a process that has only been warmed up: small bodies, then large; each target in turn.
        var memory = new List<MemoryComparison>();
        foreach (var size in new[] { BenchmarkSettings.SmallBodyBytes, BenchmarkSettings.LargeBodyBytes })
        {
            var runs = new List<MemoryRun>();
            foreach (var target in targets)
            {
                Progress($"memory: {settings.MemoryClients} concurrent streams of {size / 1024} KB, {target.Name}");
                runs.Add(await MemoryScenario.RunAsync(client, upstream, target, settings.MemoryClients, size, MemoryRunLimit, cancellationToken));
            }

            memory.Add(MemoryComparison.Of(size, runs));
        }

        // 4. Small completions at concurrency 1, the targets taking turns call by call.
        Progress($"latency at c=1: {settings.SequentialRequests:N0} calls each");
        var sequential = Comparison.Of(await ClosedLoop.AlternateAsync(
            settings.SequentialRequests, settings.PhaseLimit, (t, b, ct) => client.CompleteAsync(t, b, ct), targets, cancellationToken));

        // 5. Claude at concurrency 1: Messages direct versus Chat Completions through KeyMeter's /v1, call by call.
        Progress($"Claude latency at c=1 (translated to Messages): {settings.SequentialRequests:N0} calls each");
        var claude = TranslatedComparison.Of(await ClosedLoop.AlternateAsync(
            settings.SequentialRequests, settings.PhaseLimit, (t, b, ct) => client.CompleteAsync(t, b, ct), claudeTargets, cancellationToken));

        // 6. Small completions at concurrency 32 in blocks taking turns: latency and requests per second.
        Progress($"latency and RPS at c={settings.Concurrency}: {settings.ConcurrentRequests:N0} calls each");
        var blocks = targets.Select(_ => new List<LoadResult>()).ToArray();
        var block = settings.ConcurrentRequests / BenchmarkSettings.ConcurrentBlocks;
        var blockLimit = settings.PhaseLimit / (targets.Length * BenchmarkSettings.ConcurrentBlocks);
        for (var i = 0; i < BenchmarkSettings.ConcurrentBlocks; i++)
        {
            for (var t = 0; t < targets.Length; t++)
            {
                var target = targets[t];
                blocks[t].Add(await ClosedLoop.RunAsync(block, settings.Concurrency, blockLimit, (b, ct) => client.CompleteAsync(target, b, ct), cancellationToken));
            }

            if ((i + 1) % 5 == 0)
            {
                Progress($"  block {i + 1} of {BenchmarkSettings.ConcurrentBlocks}: " + string.Join(", ", targets.Select((target, t) => $"{target.Name} {blocks[t][^1].RequestsPerSecond:N0}/s")));
            }
        }

        var concurrent = Comparison.Of([.. blocks.Select(LoadResult.Combine)]);

        // 7. Streamed completions at concurrency 1: time to the first event.
        Progress($"stream time to first byte at c=1: {settings.StreamRequests:N0} streams each");
        var streaming = Comparison.Of(await ClosedLoop.AlternateAsync(
            settings.StreamRequests, settings.PhaseLimit, (t, b, ct) => client.StreamAsync(t, StreamCatalog.Tokens, false, b, ct), targets, cancellationToken));

        // 8. The report. A non-streaming response is complete for the client before KeyMeter has published its record.
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        var results = new ProxyResults(
            settings,
            warmUp,
            sequential,
            claude,
            concurrent,
            streaming,
            memory,
            sequential.Proxied.Calls.Count + claude.Proxied.Calls.Count + concurrent.Proxied.Calls.Count + streaming.Proxied.Calls.Count + memory.Sum(m => m.Proxied.Clients),
            keyMeter.Usage.Records - recordsBefore,
            keyMeter.Usage.NotExact - notExactBefore,
            Stopwatch.GetElapsedTime(started));
        var markdown = ProxyReport.ToMarkdown(results);
        await BenchmarkReportFile.PublishAsync("proxy", markdown, Progress, cancellationToken);
        return results.Sound ? 0 : 1;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[proxy-benchmark] {message}");
}
