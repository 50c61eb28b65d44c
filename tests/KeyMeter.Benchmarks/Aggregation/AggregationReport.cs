using System.Globalization;
using System.Text;
using static KeyMeter.Benchmarks.MarkdownText;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>The Markdown report: setup, one table of figures with PASS/MISS per goal, the correctness checks, the summaries' queries.</summary>
internal static class AggregationReport
{
    public static string ToMarkdown(AggregationResults results)
    {
        var (s, seed) = (results.Settings, results.Seed);
        var text = new StringBuilder();
        Line(text, $"# KeyMeter aggregation benchmark ({s.Mode} mode)");
        Line(text);
        Line(text, Machine(results.Duration));
        Line(text, "- `UsageAggregator` over the real `TableAggregateStore` against an in-memory Azurite table service started by this process on 127.0.0.1; the benchmark, the aggregators and Azurite (single-threaded Node.js) share the cores. Every run has a table of its own.");
        Line(text, Invariant($"- Ingest: {results.Single.DistinctRecords:N0} proxy records of {AggregationSettings.ActiveKeys} keys (owner emails, a team tag, a project tag on every third key), 3 models over 2 providers, costs at 9 decimal places, starting over {AggregationSettings.IngestDays} days from {Day(results.IngestFirstDay)} (one month partition) in the order they start, in batches of {AggregationSettings.BatchSize} (host.json `maxMessageBatchSize`). A warm-up of {s.WarmUpRecords:N0} records on another table comes first."));
        Line(text, Invariant($"- {AggregationSettings.Consumers} consumers: {AggregationSettings.Consumers} `UsageAggregator`s, each with its own `TableAggregateStore`, `TableProvider` and HTTP client, on one table prefix, taking batches off one queue; first {results.ConcurrentOnce.DistinctRecords:N0} records of the same workload each delivered once, then on a fresh table {results.Concurrent.DistinctRecords:N0} records every one delivered twice in a shuffled order ({results.Concurrent.Deliveries:N0} deliveries). A batch that throws `AggregationConflictException` goes back on the queue, as Service Bus would redeliver it."));
        if (s.RoundTrip > TimeSpan.Zero)
        {
            Line(text, Invariant($"- **Every Table request of the ingest runs waits {s.RoundTrip.TotalMilliseconds:F0} ms before it is sent**, as a round trip to Table Storage in Azure would (the seeding of the summaries does not)."));
        }

        Line(text, Invariant($"- Table requests are counted as `TableAggregateStore` makes them: `LoadAsync` one query per day plus one for the monthly rows, `CommitAsync` one batch transaction, `FindCountedAsync` one query per 14 record ids."));
        Line(text, Invariant($"- Summaries: {seed.Keys} keys × {seed.Days} days ({Day(seed.From)} to {Day(seed.To)}, partitions {string.Join(", ", seed.Partitions)}), one record per key per day, {seed.Records:N0} records ({seed.CostUsd:F9} USD) counted through the aggregator in batches of {AggregationSettings.BatchSize} (seeding took {seed.Ingest.Elapsed.TotalSeconds:F1} s, {seed.Ingest.DeliveriesPerSecond:N0} records/s, {seed.Ingest.Requests.PerRecord(seed.Records):F3} requests per record). `AggregateReports.SummaryAsync` with the range and grouping parsed as the reports endpoint parses them."));
        if (seed.Keys != 200 || seed.Days != 90)
        {
            Line(text, Invariant($"- **The summary goal is stated for 200 keys over 90 days; this {s.Mode} run seeds {seed.Keys} keys over {seed.Days} days, so its verdict is only indicative.**"));
        }

        Line(text);
        SummaryTable(text, results);
        Line(text);
        Notes(text, results);
        Line(text);
        PartitionsTable(text, results);
        Line(text);
        CorrectnessCheck.AppendTable(text, results.Checks);
        Line(text);
        QueriesTable(text, [results.ByKey, .. results.Others]);
        return text.ToString();
    }

    private static void SummaryTable(StringBuilder text, AggregationResults results)
    {
        var (single, multi) = (results.Single, results.Concurrent);
        var c = AggregationSettings.Consumers;
        Line(text, "| Measure | Value | Goal | Result |");
        Line(text, "|---|---|---|---|");
        Row(text, "Ingest, 1 consumer, batches of 100: records per second", Invariant($"**{single.DeliveriesPerSecond:N0}** ({single.Deliveries:N0} records in {single.Elapsed.TotalSeconds:F1} s)"), "", "");
        Row(text, "1 consumer: transactions, retries", Invariant($"{single.Aggregation.Transactions:N0} transactions ({(double)single.Aggregation.Counted / single.Aggregation.Transactions:F1} records each), {single.Aggregation.Retries:N0} retries"), "", "");
        Row(text, Invariant($"1 consumer: latency per batch p50 / p95 / max (n={single.BatchLatency.Count:N0})"), Invariant($"{Ms(single.BatchLatency.P50)} / {Ms(single.BatchLatency.P95)} / {Ms(single.BatchLatency.Max)} (first batch {Ms(single.FirstBatchMilliseconds)})"), "", "");
        Row(text, "1 consumer: processor time per record", Cpu(single), "", "");
        Row(text, "1 consumer: time waiting on the store", Waits(single), "", "");
        var once = results.ConcurrentOnce;
        Row(text, Invariant($"Ingest, {c} consumers, each record once: records per second"), Invariant($"**{once.DeliveriesPerSecond:N0}** ({once.Deliveries:N0} records in {once.Elapsed.TotalSeconds:F1} s)"), "", "");
        Row(text, Invariant($"{c} consumers, once: transactions, retries"), Invariant($"{once.Aggregation.Transactions:N0} transactions ({(double)once.Aggregation.Counted / Math.Max(1, once.Aggregation.Transactions):F1} records each), **{once.Aggregation.Retries:N0} retries**, batches redelivered after giving up: {once.Redelivered:N0}"), "", "");
        Row(text, Invariant($"{c} consumers, once: latency per batch p50 / p95 / max (n={once.BatchLatency.Count:N0})"), Invariant($"{Ms(once.BatchLatency.P50)} / {Ms(once.BatchLatency.P95)} / {Ms(once.BatchLatency.Max)}"), "", "");
        Row(text, Invariant($"{c} consumers, once: processor time per record"), Cpu(once), "", "");
        Row(text, Invariant($"Ingest, {c} consumers, every record twice: records per second"), Invariant($"**{multi.DeliveriesPerSecond:N0}** deliveries/s = {multi.DistinctPerSecond:N0} distinct records/s ({multi.Deliveries:N0} deliveries in {multi.Elapsed.TotalSeconds:F1} s)"), "", "");
        Row(text, Invariant($"{c} consumers: transactions, retries"), Invariant($"{multi.Aggregation.Transactions:N0} transactions, **{multi.Aggregation.Retries:N0} retries** ({(double)multi.Aggregation.Retries / multi.Batches:F2} per batch), {multi.Aggregation.Duplicates:N0} duplicates skipped, batches redelivered after giving up: {multi.Redelivered:N0}"), "", "");
        Row(text, Invariant($"{c} consumers: latency per batch p50 / p95 / max (n={multi.BatchLatency.Count:N0})"), Invariant($"{Ms(multi.BatchLatency.P50)} / {Ms(multi.BatchLatency.P95)} / {Ms(multi.BatchLatency.Max)}"), "", "");

        Row(text, Invariant($"{c} consumers: processor time per delivery"), Cpu(multi), "", "");
        Row(text, Invariant($"{c} consumers: time waiting on the store, summed over consumers"), Waits(multi), "", "");

        var singlePerRecord = single.Requests.PerRecord(single.Deliveries);
        Row(text, "Table requests per record, 1 consumer (all batches, cold start included)", Invariant($"**{singlePerRecord:F3}** ({Requests(single.Requests)} for {single.Deliveries:N0} records)"), Invariant($"≤ {AggregationGoals.MaxRequestsPerRecord}"), AggregationGoals.Verdict(singlePerRecord <= AggregationGoals.MaxRequestsPerRecord));
        var oncePerRecord = once.Requests.PerRecord(once.Deliveries);
        Row(text, Invariant($"Table requests per record, {c} consumers, each record once"), Invariant($"**{oncePerRecord:F3}** ({Requests(once.Requests)} for {once.Deliveries:N0} records)"), Invariant($"≤ {AggregationGoals.MaxRequestsPerRecord}"), AggregationGoals.Verdict(oncePerRecord <= AggregationGoals.MaxRequestsPerRecord));
        var multiPerRecord = multi.Requests.PerRecord(multi.DistinctRecords);
        Row(text, Invariant($"Table requests per record, {c} consumers, every record twice"), Invariant($"**{multiPerRecord:F3}** per distinct record, {multi.Requests.PerRecord(multi.Deliveries):F3} per delivery ({Requests(multi.Requests)})"), Invariant($"≤ {AggregationGoals.MaxRequestsPerRecord} per distinct record"), AggregationGoals.Verdict(multiPerRecord <= AggregationGoals.MaxRequestsPerRecord));

        var byKey = results.ByKey;
        Row(text, Invariant($"Summary of {results.Seed.Days} days over {results.Seed.Keys} keys by key, p50 / p95 / max (n={byKey.Duration.Count})"), Invariant($"{Ms(byKey.Duration.P50)} / **{Ms(byKey.Duration.P95)}** / {Ms(byKey.Duration.Max)}, {byKey.Report.Groups.Count} groups; {SummaryCpu(byKey)}"), Invariant($"p95 < {AggregationGoals.MaxSummaryMilliseconds} ms"), AggregationGoals.Verdict(byKey.Duration.P95 < AggregationGoals.MaxSummaryMilliseconds));
        foreach (var other in results.Others)
        {
            Row(text, Invariant($"Summary by {other.GroupBy.Name}, p50 / p95 (n={other.Duration.Count})"), Invariant($"{Ms(other.Duration.P50)} / {Ms(other.Duration.P95)}, {other.Report.Groups.Count} groups; {SummaryCpu(other)}"), "", "");
        }

        Row(text, Invariant($"A one-day range query that matches no row, p50 / p95 (n={results.EmptyQuery.Count})"), Invariant($"{Ms(results.EmptyQuery.P50)} / {Ms(results.EmptyQuery.P95)}"), "", "");
    }

    private static void Notes(StringBuilder text, AggregationResults results)
    {
        var (single, multi) = (results.Single, results.Concurrent);
        var r = multi.Requests;
        var once = results.ConcurrentOnce;
        Line(text, Invariant($"One consumer spends {single.Elapsed.TotalMilliseconds / single.Aggregation.Transactions:F1} ms of wall time per committed transaction, and Azurite's single Node.js thread is busy {single.Cpu.Azurite / single.Elapsed:P0} of that time. Each consumer writes aggregate rows of its own shard, moving to another shard when it finds one of its rows changed by someone else: {AggregationSettings.Consumers} consumers with each record once needed {once.Aggregation.Retries:N0} retries ({once.Requests.Conflicts:N0} transactions refused for a changed row) and counted {once.DeliveriesPerSecond / single.DeliveriesPerSecond:P0} of the records per second one consumer did, with Azurite busy {once.Cpu.Azurite / once.Elapsed:P0} of the run. With every record twice, of their {r.Commits:N0} transactions {r.Conflicts:N0} were refused for a changed row ({r.Loads:N0} load queries in all against {single.Requests.Loads:N0} for one consumer) and {r.AlreadyCounted:N0} for a marker that existed (each followed by a lookup of the batch's markers, {r.Finds:N0} queries of at most 14 ids in all); they counted {multi.DistinctPerSecond / single.DeliveriesPerSecond:P0} of the distinct records per second one consumer did, with Azurite busy {multi.Cpu.Azurite / multi.Elapsed:P0} of the run."));
        var slowest = results.ByKey.Queries.MaxBy(query => query.Duration.P50);
        if (slowest is not null && results.Partitions.Count > 0)
        {
            var (least, most) = (results.Partitions.MinBy(p => p.Markers)!, results.Partitions.MaxBy(p => p.Markers)!);
            Line(text);
            Line(text, Invariant($"The summary by key runs its {results.ByKey.Queries.Count} queries at once; its p50 of {Ms(results.ByKey.Duration.P50)} is about its slowest query ({slowest.Query}: p50 {Ms(slowest.Duration.P50)}, {slowest.Rows} rows holding {slowest.Entries:N0} entries). Alone, a query for one row takes {Ms(least.OneRowQuery.P50)} in {least.Partition} ({least.Markers:N0} markers) and {Ms(most.OneRowQuery.P50)} in {most.Partition} ({most.Markers:N0} markers); a query returning nothing takes {Ms(results.EmptyQuery.P50)}."));
        }
    }

    private static void PartitionsTable(StringBuilder text, AggregationResults results)
    {
        Line(text, Invariant($"One query at a time for one row (the organisation's monthly rollup) in each partition of the summaries' table; every partition also holds one marker per record counted:"));
        Line(text);
        Line(text, "| Partition | Markers | p50 | p95 |");
        Line(text, "|---|--:|--:|--:|");
        foreach (var partition in results.Partitions)
        {
            Row(text, partition.Partition, Invariant($"{partition.Markers:N0}"), Ms(partition.OneRowQuery.P50), Ms(partition.OneRowQuery.P95));
        }
    }

    private static void QueriesTable(StringBuilder text, IReadOnlyList<SummaryTimingResult> summaries)
    {
        Line(text, "The summaries' queries over their timed runs (each query timed from the call to its last row decoded, while the summary's other queries run beside it):");
        Line(text);
        Line(text, "| Summary by | Query | p50 | p95 | Rows | Entries |");
        Line(text, "|---|---|--:|--:|--:|--:|");
        foreach (var summary in summaries)
        {
            foreach (var query in summary.Queries)
            {
                Row(text, summary.GroupBy.Name, query.Query, Ms(query.Duration.P50), Ms(query.Duration.P95), Invariant($"{query.Rows:N0}"), Invariant($"{query.Entries:N0}"));
            }
        }
    }

    private static string Requests(TableRequests requests)
    {
        var refused = requests.AlreadyCounted + requests.Conflicts;
        var outcomes = refused == 0 ? "" : Invariant($" of which {refused:N0} refused ({requests.AlreadyCounted:N0} for a marker that existed, {requests.Conflicts:N0} for a changed row)");
        return Invariant($"{requests.Total:N0} requests: {requests.Loads:N0} load queries, {requests.Commits:N0} transactions{outcomes}, {requests.Finds:N0} marker queries");
    }

    /// <summary>Where the consumers' time went: each kind of store call, in all and per call, against the consumers' wall time.</summary>
    private static string Waits(IngestResult run)
    {
        var r = run.Requests;
        var wall = run.Elapsed * run.Consumers;
        var rest = run.Consumers == 1
            ? ""
            : Invariant($"; the rest is the aggregators' own processor time (the whole benchmark process used {run.Cpu.Benchmark.TotalSeconds:F1} s) and their backoff between attempts");
        return Invariant($"loads {r.LoadTime.TotalSeconds:F1} s, transactions {r.CommitTime.TotalSeconds:F1} s ({PerCall(r.CommitTime, r.Commits)} each), marker queries {r.FindTime.TotalSeconds:F1} s ({PerCall(r.FindTime, r.Finds)} per 14 ids): {r.Time / wall:P0} of the consumers' {wall.TotalSeconds:F1} s{rest}");
    }

    private static string PerCall(TimeSpan time, long calls) => calls == 0 ? "–" : Invariant($"{time.TotalMilliseconds / calls:F1} ms");

    /// <summary>Processor time per record of each process, and how busy Azurite's one Node.js thread was.</summary>
    private static string Cpu(IngestResult run) =>
        Invariant($"benchmark process {Us(run.Cpu.Benchmark, run.Deliveries)}, Azurite {Us(run.Cpu.Azurite, run.Deliveries)}; Azurite busy {run.Cpu.Azurite / run.Elapsed:P0} of the run");

    private static string SummaryCpu(SummaryTimingResult summary) =>
        Invariant($"processor time per summary: benchmark {summary.Cpu.Benchmark.TotalMilliseconds / summary.Duration.Count:F1} ms, Azurite {summary.Cpu.Azurite.TotalMilliseconds / summary.Duration.Count:F1} ms");

    private static string Us(TimeSpan time, long count) => Invariant($"{time.TotalMicroseconds / count:F0} µs");

    private static string Ms(double value) => Invariant($"{value:F1} ms");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
