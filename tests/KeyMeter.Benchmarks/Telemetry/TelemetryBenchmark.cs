using System.Diagnostics;
using System.Runtime.CompilerServices;
using KeyMeter.Benchmarks.Aggregation;
using KeyMeter.Benchmarks.Proxy;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Reports;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// Agent telemetry through KeyMeter into Azurite: eight exporters post OTLP log exports at once to
/// <c>/otlp/v1/logs</c> of the app in local mode, whose usage queue feeds the real aggregator; the run measures the
/// events accepted per second, the model calls per second until they are in the aggregates, the latency of a post,
/// the bytes per event and the Table requests per event and per call, then posts a share of the exports again as
/// retrying exporters do. A linear algorithm; its steps are numbered. Progress goes to stderr, the report to stdout
/// and to a file under BenchmarkDotNet.Artifacts (<see cref="BenchmarkReportFile"/>); the exit code is 1 when a post
/// failed or the aggregates do not hold each call exactly once (the figures are then suspect).
/// </summary>
internal static class TelemetryBenchmark
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(TelemetrySettings settings)
    {
        var started = Stopwatch.GetTimestamp();
        using var cancel = RunCancellation.Start(settings.RunLimit);
        var cancellationToken = cancel.Token;
        var checks = new List<CorrectnessCheck>();

        // 1. Azurite in memory; KeyMeter in local mode on it with the whole usage pipeline; a key per developer.
        Progress($"{settings.Mode} mode: starting Azurite and KeyMeter");
        await using var azurite = await AzuriteTables.StartAsync(cancellationToken);
        await using var keyMeter = await TelemetryKeyMeter.StartAsync(azurite, cancellationToken);
        var keys = await keyMeter.CreateKeysAsync(TelemetrySettings.Developers, cancellationToken);
        using var client = new OtlpClient(keyMeter.BaseAddress, [.. keys.Select(key => key.Secret)]);

        // 2. Every export built, read back and priced before anything is timed: the warm-up's, then the measured phase's.
        var workload = new TelemetryWorkload([.. keys.Select(key => key.Key)], keyMeter.Pricing, DateTimeOffset.UtcNow - TelemetrySettings.EventsBehind, TelemetrySettings.Seed);
        var warmUpPayloads = workload.Next(settings.WarmUpBatches);
        var payloads = workload.Next(settings.Batches);
        Progress($"built {payloads.Count:N0} exports: {payloads.Sum(p => p.Events):N0} events, {payloads.Sum(p => p.Records.Count):N0} model calls, {payloads.Sum(p => (long)p.Body.Length) / 1024.0 / 1024:F1} MiB as sent");
        List<TelemetryPayload> built = [.. warmUpPayloads, .. payloads];
        checks.Add(CorrectnessCheck.Equal("Model-call events built = calls KeyMeter reads in them", built.Sum(p => (long)p.CallEvents), built.Sum(p => (long)p.Records.Count)));
        checks.Add(CorrectnessCheck.Equal("Model calls built with distinct record ids", built.Sum(p => (long)p.Records.Count), built.SelectMany(p => p.Records).Select(r => r.Id).Distinct(StringComparer.Ordinal).LongCount()));

        // 3. Warm-up: JIT, connection pools, the key cache, the aggregates' first rows; counted before going on.
        var sent = new List<UsageRecord>();
        Progress($"warm-up: {warmUpPayloads.Count} exports");
        var warmUp = await PhaseAsync("warm-up", client, keyMeter, azurite, warmUpPayloads, sent, settings.PostLimit, cancellationToken);
        await CheckTotalsAsync(checks, "After the warm-up", keyMeter, sent, cancellationToken);

        // 4. The measured phase: every exporter posting as fast as it is answered, then the wait until every call is counted.
        Progress($"ingest: {payloads.Count:N0} exports by {TelemetrySettings.Exporters} exporters at once");
        var ingest = await PhaseAsync("ingest", client, keyMeter, azurite, payloads, sent, settings.PostLimit, cancellationToken);
        checks.Add(CorrectnessCheck.Equal("Ingest: posts failed or partly refused", 0, ingest.Load.Errors));
        await CheckTotalsAsync(checks, "After ingest", keyMeter, sent, cancellationToken);

        // 5. Retries: the first share of those exports posted again; the aggregates must not change.
        var again = ingest.Posted.Take((int)(ingest.Posted.Count * TelemetrySettings.RetryShare)).ToList();
        Progress($"retries: {again.Count:N0} exports posted again");
        var retries = await PhaseAsync("retries", client, keyMeter, azurite, again, sent, settings.PostLimit, cancellationToken, waitForAggregates: false);
        checks.Add(CorrectnessCheck.Equal("Retries: posts failed or partly refused", 0, retries.Load.Errors));
        checks.Add(CorrectnessCheck.Equal("Retries: exports posted again", again.Count, retries.Posted.Count));
        await CheckTotalsAsync(checks, "After the retries", keyMeter, sent, cancellationToken);

        // 6. The summary by source over the events' days, as the reports endpoint makes it: each agent's calls once.
        var days = sent.Select(record => DateOnly.FromDateTime(record.StartedAt.UtcDateTime)).ToList();
        var range = ReportRange.Parse(ReportRange.Format(days.Min()), ReportRange.Format(days.Max()), TimeProvider.System).Value!;
        var bySource = await new AggregateReports(keyMeter.Aggregates).SummaryAsync(range, ReportGroupBy.Source, cancellationToken);
        foreach (var source in sent.DistinctBy(record => record.Id, StringComparer.Ordinal).GroupBy(record => record.Source, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var found = bySource.Groups.FirstOrDefault(group => group.Value == source.Key)?.Counters ?? AggregateCounters.Zero;
            var expected = OrganisationTotals.Of(source);
            checks.Add(CorrectnessCheck.Equal($"Summary by source, {source.Key}: requests", expected.Requests, found.Requests));
            checks.Add(CorrectnessCheck.Equal($"Summary by source, {source.Key}: cost", expected.CostUsd, found.CostUsd));
        }

        // 7. The report.
        var results = new TelemetryResults(settings, warmUp, ingest, retries, bySource, checks, Stopwatch.GetElapsedTime(started));
        var markdown = TelemetryReport.ToMarkdown(results);
        await BenchmarkReportFile.PublishAsync("telemetry", markdown, Progress, cancellationToken);
        CorrectnessCheck.ReportFailures(checks, Progress);

        return results.Sound ? 0 : 1;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[telemetry-benchmark] {message}");

    /// <summary>
    /// Posts <paramref name="payloads"/> with one worker per exporter, each taking the next export when its last post
    /// is answered; then, unless told not to, waits until the aggregates hold every call sent so far; then pauses.
    /// </summary>
    private static async Task<TelemetryPhase> PhaseAsync(
        string name,
        OtlpClient client,
        TelemetryKeyMeter keyMeter,
        AzuriteTables azurite,
        List<TelemetryPayload> payloads,
        List<UsageRecord> sent,
        TimeSpan postLimit,
        CancellationToken cancellationToken,
        bool waitForAggregates = true)
    {
        var (traffic, store, cpu) = (keyMeter.Traffic.Read(), keyMeter.Store.Requests, azurite.Cpu());
        var started = Stopwatch.GetTimestamp();
        var next = new StrongBox<int>(-1);
        var load = await ClosedLoop.RunAsync(
            payloads.Count, TelemetrySettings.Exporters, postLimit, (_, token) => client.PostAsync(payloads[Interlocked.Increment(ref next.Value)], token), cancellationToken);
        var posted = payloads.Take(load.Calls.Count).ToList();
        sent.AddRange(posted.SelectMany(payload => payload.Records));
        Progress($"{name}: {posted.Count:N0} exports posted in {load.Elapsed.TotalSeconds:F1} s ({posted.Sum(p => p.Events) / load.Elapsed.TotalSeconds:N0} events/s), {load.Errors} failed");
        var untilAggregated = waitForAggregates ? await WaitForAggregatesAsync(name, keyMeter, sent, started, cancellationToken) : null;
        await Task.Delay(TelemetrySettings.Settle, cancellationToken);
        return new TelemetryPhase(name, posted, load, untilAggregated, Stopwatch.GetElapsedTime(started), keyMeter.Traffic.Read() - traffic, keyMeter.Store.Requests - store, azurite.Cpu() - cpu);
    }

    /// <summary>Polls the organisation's monthly rows until they count every call of <paramref name="sent"/>: the time since <paramref name="started"/>, or null past the limit.</summary>
    private static async Task<TimeSpan?> WaitForAggregatesAsync(string name, TelemetryKeyMeter keyMeter, List<UsageRecord> sent, long started, CancellationToken cancellationToken)
    {
        var expected = OrganisationTotals.Of(sent).Requests;
        var partitions = OrganisationTotals.Partitions(sent);
        var waiting = Stopwatch.GetTimestamp();
        var reported = 0L;
        while (true)
        {
            var counted = (await OrganisationTotals.ReadAsync(keyMeter.Aggregates, partitions, cancellationToken)).Requests;
            if (counted >= expected)
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                Progress($"{name}: all {expected:N0} calls in the aggregates {elapsed.TotalSeconds:F1} s after the first post");
                return elapsed;
            }

            var waited = Stopwatch.GetElapsedTime(waiting);
            if (waited > TelemetrySettings.AggregationLimit)
            {
                Progress($"{name}: the aggregates hold {counted:N0} of {expected:N0} calls after waiting {waited.TotalSeconds:F0} s; giving up");
                return null;
            }

            if ((long)waited.TotalSeconds / 5 > reported)
            {
                reported = (long)waited.TotalSeconds / 5;
                Progress($"{name}: {counted:N0} of {expected:N0} calls in the aggregates");
            }

            await Task.Delay(PollEvery, cancellationToken);
        }
    }

    /// <summary>The organisation's monthly rows against every call sent: each counted once, none of the other events.</summary>
    private static async Task CheckTotalsAsync(List<CorrectnessCheck> checks, string when, TelemetryKeyMeter keyMeter, List<UsageRecord> sent, CancellationToken cancellationToken)
    {
        var expected = OrganisationTotals.Of(sent);
        var found = await OrganisationTotals.ReadAsync(keyMeter.Aggregates, OrganisationTotals.Partitions(sent), cancellationToken);
        checks.Add(CorrectnessCheck.Equal($"{when}: organisation monthly rows, requests", expected.Requests, found.Requests));
        checks.Add(CorrectnessCheck.Equal($"{when}: organisation monthly rows, cost", expected.CostUsd, found.CostUsd));
        checks.Add(CorrectnessCheck.Equal($"{when}: organisation monthly rows, output tokens", expected.OutputTokens, found.OutputTokens));
    }
}
