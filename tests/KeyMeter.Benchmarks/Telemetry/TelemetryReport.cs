using System.Text;
using KeyMeter.Benchmarks.Aggregation;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using static KeyMeter.Benchmarks.MarkdownText;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>The Markdown report: setup, one table of figures, the exports by format, the Table requests by table, the correctness checks.</summary>
internal static class TelemetryReport
{
    public static string ToMarkdown(TelemetryResults results)
    {
        var (s, ingest) = (results.Settings, results.Ingest);
        var text = new StringBuilder();
        Line(text, $"# KeyMeter telemetry ingestion benchmark ({s.Mode} mode)");
        Line(text);
        Line(text, Machine(results.Duration));
        Line(text, "- KeyMeter in local mode (`KeyMeterApp.Build`) on 127.0.0.1 with its whole usage pipeline: `POST /otlp/v1/logs` → the `usage` queue (in process: one consumer, batches of up to 100, a 200 ms wait for a batch to fill, duplicate detection by message id, which is the record id) → `usage-aggregate` → `TableAggregateStore` on an in-memory Azurite started by this process. The exporters, KeyMeter and its aggregator share this process; Azurite (single-threaded Node.js) is a second one on the same cores.");
        Line(text, Invariant($"- {TelemetrySettings.Exporters} exporters of {TelemetrySettings.Developers} developers, each posting with its developer's own key, one post at a time and the next as soon as the last is answered: {string.Join("; ", TelemetryExporter.All.GroupBy(e => e.Format).Select(g => $"{g.Key} ×{g.Count()}"))}. Exports of {TelemetrySettings.MinBatchEvents}–{TelemetrySettings.MaxBatchEvents} events, cut from each agent's stream of turns (a prompt, model calls with tool decisions and results between them, Codex's streamed-response events) wherever the batch ends; {(double)ingest.Calls / ingest.Events:P0} of the events are model calls, the rest must be ignored. Event times run over the {TelemetrySettings.EventsBehind.TotalHours:F0} hours before the run."));
        Line(text, Invariant($"- A warm-up of {results.WarmUp.Posted.Count} exports ({results.WarmUp.Events:N0} events) is posted and counted first; then the measured phase; then the first {TelemetrySettings.RetryShare:P0} of its exports are posted again, as exporters retry a post whose answer they lost."));
        Line(text, "- Table requests are counted in the app's Table client pipeline, every request sent (retries too): reads (a point read or one page of a query), writes, entity-group transactions. The aggregator's store calls are counted beside them (`CountingAggregateStore`). Each phase's counts run from its first post until the aggregates hold every call and 1.5 s more.");
        Line(text, "- What the aggregates should hold was worked out while each export was built: read back with the receiver's own decoder and priced with the app's price table. The checks are that every model call is counted exactly once, and nothing else.");
        Line(text);
        SummaryTable(text, results);
        Line(text);
        Notes(text, results);
        Line(text);
        FormatsTable(text, ingest);
        Line(text);
        TablesTable(text, results);
        Line(text);
        CorrectnessCheck.AppendTable(text, results.Checks);
        return text.ToString();
    }

    private static void SummaryTable(StringBuilder text, TelemetryResults results)
    {
        var (ingest, retries) = (results.Ingest, results.Retries);
        var (traffic, aggregator) = (ingest.Traffic, ingest.Aggregator);
        var posts = ingest.Posted.Count;
        var untilAggregated = ingest.UntilAggregated ?? ingest.Window;
        Line(text, "| Measure | Value |");
        Line(text, "|---|---|");
        Row(text, Invariant($"Events accepted per second, {TelemetrySettings.Exporters} exporters at once (HTTP side)"), Invariant($"**{ingest.EventsPerSecond:N0}** ({ingest.Events:N0} events in {posts:N0} posts in {ingest.Load.Elapsed.TotalSeconds:F1} s; failed or partly refused: {ingest.Load.Errors})"));
        Row(text, "Model calls accepted per second (HTTP side)", Invariant($"{ingest.CallsPerSecond:N0} ({ingest.Calls:N0} calls)"));
        Row(text, "Model calls per second end to end (first post → last call in the aggregates)", ingest.UntilAggregated is null
            ? "**not reached**: see the checks"
            : Invariant($"**{ingest.CallsPerSecondEndToEnd:N0}** ({ingest.Calls:N0} calls in {untilAggregated.TotalSeconds:F1} s, the last {(untilAggregated - ingest.Load.Elapsed).TotalSeconds:F1} s of it after the last post was answered)"));
        Row(text, Invariant($"Latency of a post, p50 / p95 / max (n={ingest.Latency.Count:N0})"), Invariant($"{Ms(ingest.Latency.P50)} / **{Ms(ingest.Latency.P95)}** / {Ms(ingest.Latency.Max)}"));
        var inflated = ingest.Posted.Sum(payload => (long)payload.InflatedBytes);
        Row(text, "Bytes posted per event (as sent; before gzip)", Invariant($"**{(double)ingest.Bytes / ingest.Events:F0}** ({(double)inflated / ingest.Events:F0} before gzip; {(double)ingest.Bytes / posts / 1024:F1} KiB per post)"));
        Row(text, "Table requests per event", Invariant($"**{traffic.Per(ingest.Events):F3}** ({Requests(traffic)})"));
        Row(text, "Table requests per model call", Invariant($"**{traffic.Per(ingest.Calls):F3}**: the aggregates table and transactions {(double)AggregatorTraffic(traffic) / ingest.Calls:F3}, the rest {(double)(traffic.Total - AggregatorTraffic(traffic)) / ingest.Calls:F3}"));
        Row(text, "Table requests per post, other than the aggregates' (key and session lookups)", Invariant($"{(double)(traffic.Total - AggregatorTraffic(traffic)) / posts:F2}"));
        Row(text, "Aggregator's store calls", Invariant($"{aggregator.Commits:N0} transactions ({(double)ingest.Calls / Math.Max(1, aggregator.Commits):F1} calls each; refused: {aggregator.AlreadyCounted} for a marker that existed, {aggregator.Conflicts} for a changed row), {aggregator.DimensionLoads:N0} key-spend queries for budget alerts, {aggregator.Loads:N0} queries loading its cache, {aggregator.Finds:N0} marker queries; waiting on them {aggregator.Time.TotalSeconds:F1} s of {untilAggregated.TotalSeconds:F1} s"));
        Row(text, "Processor time per event: this process (exporters, KeyMeter, aggregator) / Azurite", Invariant($"{Us(ingest.Cpu.Benchmark, ingest.Events)} / {Us(ingest.Cpu.Azurite, ingest.Events)}; Azurite busy {ingest.Cpu.Azurite / untilAggregated:P0} of the time until aggregated, this process {ingest.Cpu.Benchmark / untilAggregated / Environment.ProcessorCount:P0} of the machine"));
        Row(text, Invariant($"Retries: the first {TelemetrySettings.RetryShare:P0} of the exports posted again, events per second"), Invariant($"**{retries.EventsPerSecond:N0}** ({retries.Events:N0} events with {retries.Calls:N0} calls in {retries.Posted.Count:N0} posts in {retries.Load.Elapsed.TotalSeconds:F1} s; post p50 / p95 {Ms(retries.Latency.P50)} / {Ms(retries.Latency.P95)})"));
        Row(text, "Retries: Table requests", Invariant($"**{retries.Traffic.Per(retries.Events):F3} per event** ({Requests(retries.Traffic)}); the aggregator's {retries.Aggregator.Total:N0}"));
        Row(text, "Retries: processor time per event, this process / Azurite (the receiver alone, nothing left to aggregate)", Invariant($"{Us(retries.Cpu.Benchmark, retries.Events)} / {Us(retries.Cpu.Azurite, retries.Events)}"));
    }

    private static void Notes(StringBuilder text, TelemetryResults results)
    {
        var (ingest, retries) = (results.Ingest, results.Retries);
        var untilAggregated = ingest.UntilAggregated ?? ingest.Window;
        var aggregatorRequests = AggregatorTraffic(ingest.Traffic);
        var posts = ingest.Posted.Count;
        var spendReads = ingest.Aggregator.DimensionLoads > 0
            ? Invariant($": besides the transaction, the budget-alert step reads the keys' spend fresh after every batch (one query per day and one for the month, {ingest.Aggregator.DimensionLoads:N0} in all), whether or not a key has a budget")
            : "";
        var sessionReads = ingest.Traffic.Of(ProxiedSessions.TableName, TableRequestKind.Read);
        var sessionLookups = sessionReads >= posts / 2
            ? Invariant($": {(double)sessionReads / posts:F2} reads of `{ProxiedSessions.TableName}` a post, one for each session the post names, to learn whether it went through the proxy; only a session found there is remembered, so one that never did is read again in every post, retries included")
            : "";
        var retriesCounted = retries.Aggregator.Total == 0
            ? "the queue dropped their records as duplicates (the message id is the record id), so the aggregator never saw them"
            : Invariant($"the aggregator took {retries.Aggregator.Total:N0} Table requests over them");
        Line(text, Invariant($"The receiver took in {ingest.CallsPerSecond:N0} model calls a second; the aggregator, one consumer taking batches of up to 100 off the in-process queue, had counted them all {(untilAggregated - ingest.Load.Elapsed).TotalSeconds:F1} s after the last post was answered, so end to end ran at {ingest.CallsPerSecondEndToEnd / ingest.CallsPerSecond:P0} of the receiver's rate, with Azurite's one Node.js thread busy {ingest.Cpu.Azurite / untilAggregated:P0} of the time. {(double)aggregatorRequests / ingest.Traffic.Total:P0} of the Table requests were the aggregator's, {(double)aggregatorRequests / Math.Max(1, ingest.Aggregator.Commits):F1} per transaction{spendReads}. The rest were the receiver's, {(double)(ingest.Traffic.Total - aggregatorRequests) / posts:F2} a post{sessionLookups}. The retried exports were read, priced and published again, and {retriesCounted}; the aggregates did not change (see the checks)."));
    }

    private static void FormatsTable(StringBuilder text, TelemetryPhase ingest)
    {
        Line(text, "The measured phase's exports by format:");
        Line(text);
        Line(text, "| Exporter | Exports | Events | Model calls | Bytes per event as sent | Before gzip | Bytes per post |");
        Line(text, "|---|--:|--:|--:|--:|--:|--:|");
        foreach (var format in ingest.Posted.GroupBy(payload => payload.Exporter.Format, StringComparer.Ordinal))
        {
            var (events, bytes, inflated) = (format.Sum(p => (long)p.Events), format.Sum(p => (long)p.Body.Length), format.Sum(p => (long)p.InflatedBytes));
            Row(text, format.Key, Invariant($"{format.Count():N0}"), Invariant($"{events:N0}"), Invariant($"{format.Sum(p => p.Records.Count):N0}"),
                Invariant($"{(double)bytes / events:N0}"), Invariant($"{(double)inflated / events:N0}"), Invariant($"{(double)bytes / format.Count():N0}"));
        }
    }

    private static void TablesTable(StringBuilder text, TelemetryResults results)
    {
        var (ingest, retries) = (results.Ingest.Traffic, results.Retries.Traffic);
        Line(text, "Table requests by table (the app's prefix left out; a transaction's table is in its body, so transactions have a row of their own):");
        Line(text);
        Line(text, "| Table | Ingest: reads | Ingest: writes | Ingest: transactions | Retries: reads | Retries: writes | Retries: transactions |");
        Line(text, "|---|--:|--:|--:|--:|--:|--:|");
        foreach (var table in ingest.Tables.Union(retries.Tables, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var kinds = new[] { TableRequestKind.Read, TableRequestKind.Write, TableRequestKind.Transaction };
            Row(text, [table, .. new[] { ingest, retries }.SelectMany(counts => kinds.Select(kind => Invariant($"{counts.Of(table, kind):N0}")))]);
        }
    }

    /// <summary>Requests to the aggregates table and entity-group transactions: the aggregator's share (the only transactions while telemetry flows).</summary>
    private static long AggregatorTraffic(TableTrafficCounts traffic) =>
        traffic.Of(AggregateKeys.TableName, TableRequestKind.Read) + traffic.Of(AggregateKeys.TableName, TableRequestKind.Write) + traffic.Transactions;

    private static string Requests(TableTrafficCounts traffic) =>
        Invariant($"{traffic.Total:N0} requests: {traffic.Reads:N0} reads, {traffic.Writes:N0} writes, {traffic.Transactions:N0} transactions");

    private static string Us(TimeSpan time, long count) => Invariant($"{time.TotalMicroseconds / count:F0} µs");

    private static string Ms(double value) => Invariant($"{value:F1} ms");
}
