using System.Globalization;
using System.Text;
using static KeyMeter.Benchmarks.MarkdownText;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>The Markdown report: setup, one table of figures with PASS/MISS per target, one table of memory runs.</summary>
internal static class ProxyReport
{
    private const double MiB = 1024 * 1024;

    public static string ToMarkdown(ProxyResults results)
    {
        var s = results.Settings;
        var text = new StringBuilder();
        Line(text, $"# KeyMeter proxy benchmark ({s.Mode} mode)");
        Line(text);
        Line(text, Machine(results.Duration));
        Line(text, "- Client, fake upstream (shaped like OpenAI's Chat Completions and Anthropic's Messages API, answers prebuilt), reference forwarder and KeyMeter share this process and its cores, all on 127.0.0.1 over HTTP/1.1 keep-alive. Direct: client → upstream. Bare forwarder: client → a minimal forwarding hop (no keys, inspection or metering) → upstream. Through KeyMeter: client → KeyMeter (KeyMeterApp.Build, local mode, keys in Azurite, key cache on, a key without budgets) → the same upstream.");
        Line(text, $"- Claude via /v1: direct, the client posts a Messages body to the upstream's /v1/messages with x-api-key; through KeyMeter, the same conversation as a Chat Completions body for {MessagesPayloads.Model} to KeyMeter's /v1/chat/completions, which translates it to Messages and the answer back (each answer checked: a chat.completion with the message's text). The bare forwarder does not translate, so it has no figure there.");
        Line(text, results.WarmUp.Settled
            ? $"- Warm-up: {results.WarmUp.Elapsed.TotalSeconds:F0} s ({results.WarmUp.Rounds} rounds of every call shape on every path) until the JIT settled ({results.WarmUp.CompiledInLastRound} methods compiled in the last round)."
            : $"- **Warm-up hit its limit of {results.Settings.MaxWarmUp.TotalSeconds:F0} s before the JIT settled** ({results.WarmUp.CompiledInLastRound} methods compiled in the last round): some code may still run below tier 1.");
        Line(text, "- **Usage sink replaced by a counting no-op sink: publishing to the usage queue is not part of these figures.** Logging providers are cleared (no console writes).");
        Line(text, $"- Usage records published for the {results.ProxiedCalls:N0} measured proxied calls: {results.UsageRecords:N0}; not exact: {results.UsageNotExact:N0}. Failed or wrongly answered calls: direct {results.FailedDirect}, forwarder {results.FailedForwarded}, through KeyMeter {results.FailedProxied}.");
        Line(text);
        SummaryTable(text, results);
        Line(text);
        Notes(text, results);
        Line(text);
        MemoryTable(text, results.Memory);
        return text.ToString();
    }

    private static void SummaryTable(StringBuilder text, ProxyResults results)
    {
        var (seq, claude, con, str) = (results.Sequential, results.Claude, results.Concurrent, results.Streaming);
        var c = results.Settings.Concurrency;
        Line(text, "| Measure | Direct | Bare forwarder (reference) | Through KeyMeter | KeyMeter − direct (− forwarder) | Target | Result |");
        Line(text, "|---|--:|--:|--:|--:|---|---|");

        var added = seq.Proxied.Total.P50 - seq.Direct.Total.P50;
        Latency(text, $"Chat completion p50, c=1 (n={seq.Proxied.Total.Count:N0} each)", seq, r => r.Total.P50, $"added < {Targets.MaxAddedP50Milliseconds} ms", Targets.Verdict(added < Targets.MaxAddedP50Milliseconds));
        Latency(text, "Chat completion p99, c=1", seq, r => r.Total.P99);

        var claudeAdded = claude.Proxied.Total.P50 - claude.Direct.Total.P50;
        Translated(text, $"Claude via /v1 (translated to Messages) p50, c=1 (n={claude.Proxied.Total.Count:N0} each)", claude, r => r.Total.P50, $"added < {Targets.MaxAddedP50Milliseconds} ms", Targets.Verdict(claudeAdded < Targets.MaxAddedP50Milliseconds));
        Translated(text, "Claude via /v1 (translated to Messages) p99, c=1", claude, r => r.Total.P99);

        Latency(text, $"Chat completion p50, c={c} (n={con.Proxied.Total.Count:N0} each)", con, r => r.Total.P50);
        Latency(text, $"Chat completion p99, c={c}", con, r => r.Total.P99);

        var shareOfForwarder = con.Proxied.RequestsPerSecond / con.Forwarded.RequestsPerSecond;
        var shareOfDirect = con.Proxied.RequestsPerSecond / con.Direct.RequestsPerSecond;
        Row(text, $"Requests per second, c={c}", Number(con.Direct.RequestsPerSecond), Number(con.Forwarded.RequestsPerSecond), Number(con.Proxied.RequestsPerSecond),
            $"{Percent(shareOfForwarder)} of the bare forwarder ({Percent(shareOfDirect)} of direct)", $"≥ {Percent(Targets.MinThroughputShareOfForwarder, 0)} of the bare forwarder", Targets.Verdict(shareOfForwarder >= Targets.MinThroughputShareOfForwarder));
        Row(text, $"Process CPU per call, c={c}", Us(con.Direct.CpuMicrosecondsPerCall), Us(con.Forwarded.CpuMicrosecondsPerCall), Us(con.Proxied.CpuMicrosecondsPerCall),
            $"{Us(con.Proxied.CpuMicrosecondsPerCall - con.Direct.CpuMicrosecondsPerCall, signed: true)} ({Us(con.Proxied.CpuMicrosecondsPerCall - con.Forwarded.CpuMicrosecondsPerCall, signed: true)})", "", "");
        Row(text, $"Allocated per call, c={c} (whole process)", Kb(con.Direct.AllocatedBytesPerCall), Kb(con.Forwarded.AllocatedBytesPerCall), Kb(con.Proxied.AllocatedBytesPerCall),
            $"{Kb(con.Proxied.AllocatedBytesPerCall - con.Direct.AllocatedBytesPerCall, signed: true)} ({Kb(con.Proxied.AllocatedBytesPerCall - con.Forwarded.AllocatedBytesPerCall, signed: true)})", "", "");

        Latency(text, $"Stream time to first byte p50, c=1 (n={str.Proxied.FirstByte.Count:N0} each)", str, r => r.FirstByte.P50);
        Latency(text, "Stream time to first byte p99, c=1", str, r => r.FirstByte.P99);
        Latency(text, "Stream to its end p50, c=1 (48 token deltas)", str, r => r.Total.P50);

        MemoryRows(text, results.Memory);
    }

    private static void Latency(StringBuilder text, string name, Comparison comparison, Func<LoadResult, double> measure, string target = "", string result = "")
    {
        var (direct, forwarded, proxied) = (measure(comparison.Direct), measure(comparison.Forwarded), measure(comparison.Proxied));
        Row(text, name, Ms(direct), Ms(forwarded), Ms(proxied), $"{Added(proxied - direct)} ({Added(proxied - forwarded)})", target, result);
    }

    private static void Translated(StringBuilder text, string name, TranslatedComparison comparison, Func<LoadResult, double> measure, string target = "", string result = "")
    {
        var (direct, proxied) = (measure(comparison.Direct), measure(comparison.Proxied));
        Row(text, name, Ms(direct), "n/a", Ms(proxied), Added(proxied - direct), target, result);
    }

    /// <summary>
    /// Memory per stream, and how memory above each run's own start changes from the small to the large body. The
    /// direct runs hold what the client and the upstream need, so through KeyMeter minus direct is KeyMeter's share, and
    /// through KeyMeter minus the bare forwarder is KeyMeter's own buffers beyond a hop. Targets: those buffers per
    /// stream on the large body, and how much KeyMeter's share grows with the body size.
    /// </summary>
    private static void MemoryRows(StringBuilder text, IReadOnlyList<MemoryComparison> memory)
    {
        var (small, large) = (memory[0], memory[^1]);
        var clients = large.Proxied.Clients;
        var label = $"{clients} × {Size(large.BodyBytes)}";
        static long LivePerStream(MemoryRun run) => (run.LiveHeapMidStream - run.LiveHeapBefore) / run.Clients;
        PerStream(text, $"Live heap per stream in flight, {clients} × {Size(small.BodyBytes)} held mid-stream", small, LivePerStream);
        PerStream(text, $"Live heap per stream in flight, {label} held mid-stream", large, LivePerStream);
        var (ownSmall, ownLarge) = (LivePerStream(small.Proxied) - LivePerStream(small.Forwarded), LivePerStream(large.Proxied) - LivePerStream(large.Forwarded));
        Row(
            text,
            "KeyMeter's own buffers per stream in flight (its live heap per stream − the bare forwarder's)",
            "",
            "",
            "",
            $"{Size(small.BodyBytes)}: {Kb(ownSmall, signed: true)}; {Size(large.BodyBytes)}: {Kb(ownLarge, signed: true)}",
            $"≤ {Kb(Targets.MaxOwnBuffersPerStreamBytes)} at {Size(large.BodyBytes)}",
            Targets.Verdict(ownLarge <= Targets.MaxOwnBuffersPerStreamBytes));
        PerStream(text, $"Allocated per stream, {label}", large, run => run.AllocatedPerStream);

        var limit = (long)(Targets.MaxGrowthShareOfBodies * clients * (large.BodyBytes - small.BodyBytes));
        foreach (var (name, measure) in new (string, Func<MemoryRun, long>)[]
        {
            ("peak working set", run => run.Peaks.WorkingSet - run.WorkingSetBefore),
            ("peak managed heap", run => run.Peaks.ManagedHeap - run.LiveHeapBefore),
            ("live heap mid-stream", run => run.LiveHeapMidStream - run.LiveHeapBefore),
        })
        {
            string Growth(Func<MemoryComparison, MemoryRun> side) => $"{Mb(measure(side(small)), signed: true)} → {Mb(measure(side(large)), signed: true)}";
            var (shareSmall, shareLarge) = (measure(small.Proxied) - measure(small.Direct), measure(large.Proxied) - measure(large.Direct));
            Row(
                text,
                $"{clients} streams, {Size(small.BodyBytes)} → {Size(large.BodyBytes)}: {name} above start",
                Growth(m => m.Direct),
                Growth(m => m.Forwarded),
                Growth(m => m.Proxied),
                $"KeyMeter's share {Mb(shareSmall, signed: true)} → {Mb(shareLarge, signed: true)}: grows {Mb(shareLarge - shareSmall, signed: true)}",
                $"share grows < {Mb(limit)} ({Targets.MaxGrowthShareOfBodies:P0} of the extra body bytes)",
                Targets.Verdict(shareLarge - shareSmall < limit));
        }
    }

    private static void PerStream(StringBuilder text, string name, MemoryComparison memory, Func<MemoryRun, long> measure)
    {
        var (direct, forwarded, proxied) = (measure(memory.Direct), measure(memory.Forwarded), measure(memory.Proxied));
        Row(text, name, Kb(direct), Kb(forwarded), Kb(proxied), $"{Kb(proxied - direct, signed: true)} ({Kb(proxied - forwarded, signed: true)})", "", "");
    }

    private static void Notes(StringBuilder text, ProxyResults results)
    {
        var con = results.Concurrent;
        Line(text, string.Create(CultureInfo.InvariantCulture,
            $"Throughput here is bound by CPU, which every role shares: at c={results.Settings.Concurrency} a call costs the process {con.Direct.CpuMicrosecondsPerCall:F0} µs direct, {con.Forwarded.CpuMicrosecondsPerCall:F0} µs through the bare forwarder (a second server and client hop) and {con.Proxied.CpuMicrosecondsPerCall:F0} µs through KeyMeter, so KeyMeter's RPS can be no better than about {con.Forwarded.CpuMicrosecondsPerCall / con.Proxied.CpuMicrosecondsPerCall:P0} of the bare forwarder's ({con.Direct.CpuMicrosecondsPerCall / con.Proxied.CpuMicrosecondsPerCall:P0} of direct). KeyMeter's own work beyond a bare hop is {con.Proxied.CpuMicrosecondsPerCall - con.Forwarded.CpuMicrosecondsPerCall:F0} µs of CPU per call. Deployed, KeyMeter has its cores to itself and the provider is remote, so the ratio there depends on the provider's latency rather than on this one."));
    }

    private static void MemoryTable(StringBuilder text, IReadOnlyList<MemoryComparison> memory)
    {
        Line(text, "Memory runs (each from a compacted heap; streams held together at their middle once; GC counts include the forced collections):");
        Line(text);
        Line(text, "| Run | Held | Failed | Working set before → peak | Peak managed heap | Peak GC committed | Live heap before → mid-stream | Allocated per stream | GCs 0/1/2 | Time |");
        Line(text, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var run in memory.SelectMany(m => m.Runs))
        {
            Line(text, string.Create(CultureInfo.InvariantCulture,
                $"| {run.Target.Name}, {run.Clients} × {Size(run.BodyBytes)} | {run.Held} | {run.Errors} | {Mb(run.WorkingSetBefore)} → {Mb(run.Peaks.WorkingSet)} | {Mb(run.Peaks.ManagedHeap)} | {Mb(run.Peaks.GcCommitted)} | {Mb(run.LiveHeapBefore)} → {Mb(run.LiveHeapMidStream)} | {run.AllocatedPerStream / 1024.0:F1} KiB | {run.Gen0}/{run.Gen1}/{run.Gen2} | {run.Elapsed.TotalSeconds:F2} s |"));
        }
    }

    private static string Ms(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:F3} ms");

    private static string Added(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:+0.000;-0.000} ms");

    private static string Us(double value, bool signed = false) =>
        value.ToString(signed ? "+0;-0" : "F0", CultureInfo.InvariantCulture) + " µs";

    private static string Kb(double bytes, bool signed = false) =>
        (bytes / 1024).ToString(signed ? "+0.0;-0.0" : "F1", CultureInfo.InvariantCulture) + " KiB";

    private static string Percent(double share, int decimals = 1) =>
        share.ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes, bool signed = false) =>
        (bytes / MiB).ToString(signed ? "+0.0;-0.0" : "F1", CultureInfo.InvariantCulture) + " MiB";

    private static string Size(int bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";
}
