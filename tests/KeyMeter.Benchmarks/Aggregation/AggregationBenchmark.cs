using System.Diagnostics;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Reports;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>
/// The aggregator and the summary reports against Azurite: records per second and Table requests per record at the
/// Service Bus batch size, with one consumer and with four (each record once, and each twice), and the latency of a
/// 90-day summary. A linear algorithm;
/// its steps are numbered. Progress goes to stderr, the report to stdout and to
/// a file under BenchmarkDotNet.Artifacts (<see cref="BenchmarkReportFile"/>); the exit code is 1 when a correctness check fails (the figures are
/// then suspect), whatever the goals say.
/// </summary>
internal static class AggregationBenchmark
{
    private static readonly string[] OtherGroupings = ["developer", "team", "day", "model"];

    public static async Task<int> RunAsync(AggregationSettings settings)
    {
        var started = Stopwatch.GetTimestamp();
        using var cancel = RunCancellation.Start(settings.RunLimit);
        var cancellationToken = cancel.Token;
        var time = TimeProvider.System;
        var checks = new List<CorrectnessCheck>();

        // 1. Azurite in memory, and the ingest workload: 20 keys, records over the first days of this month in the order they start.
        Progress($"{settings.Mode} mode, extra round trip per Table request {settings.RoundTrip.TotalMilliseconds} ms: starting Azurite");
        await using var azurite = await AzuriteTables.StartAsync(cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var ingestFirstDay = new DateOnly(today.Year, today.Month, 1);
        var keys = UsageWorkload.Keys(AggregationSettings.ActiveKeys, AggregationSettings.Seed);
        var records = UsageWorkload.Stream("a", keys, ingestFirstDay, AggregationSettings.IngestDays, settings.Records, AggregationSettings.Seed);
        var expected = OrganisationTotals.Of(records);

        // 2. Warm-up on a throwaway table: JIT, the HTTP connection pool, Azurite's own first requests.
        Progress($"warming up with {settings.WarmUpRecords:N0} records on a table of their own");
        var warmUpRecords = UsageWorkload.Stream("w", keys, ingestFirstDay, AggregationSettings.IngestDays, settings.WarmUpRecords, AggregationSettings.Seed + 1);
        await Ingest.RunAsync("warm-up", [await ConsumerAsync(azurite, AzuriteTables.NewPrefix("warm"), time, settings.RoundTrip, cancellationToken)], Batches(warmUpRecords), azurite.Cpu, cancellationToken);

        // 3. One consumer, batches of 100 one after the other, on a fresh table and a fresh aggregator (a cold cache).
        Progress($"ingest, 1 consumer: {records.Count:N0} records in batches of {AggregationSettings.BatchSize}");
        var singlePrefix = AzuriteTables.NewPrefix("single");
        var single = await Ingest.RunAsync("1 consumer", [await ConsumerAsync(azurite, singlePrefix, time, settings.RoundTrip, cancellationToken)], Batches(records), azurite.Cpu, cancellationToken);
        var singleTotals = await OrganisationTotals.ReadAsync(await azurite.OpenAsync(singlePrefix, cancellationToken), OrganisationTotals.Partitions(records), cancellationToken);
        checks.Add(CorrectnessCheck.Equal("1 consumer: organisation monthly rows, requests", expected.Requests, singleTotals.Requests));
        checks.Add(CorrectnessCheck.Equal("1 consumer: organisation monthly rows, cost", expected.CostUsd, singleTotals.CostUsd));
        checks.Add(CorrectnessCheck.Equal("1 consumer: records the aggregator counted", records.Count, single.Aggregation.Counted));
        checks.Add(CorrectnessCheck.Equal("1 consumer: records the aggregator took for duplicates", 0, single.Aggregation.Duplicates));

        // 4. Four consumers on one queue and one table, each record once: what scaling out adds, redeliveries aside.
        var onceRecords = UsageWorkload.Stream("o", keys, ingestFirstDay, AggregationSettings.IngestDays, settings.Records, AggregationSettings.Seed + 4);
        var onceExpected = OrganisationTotals.Of(onceRecords);
        Progress($"ingest, {AggregationSettings.Consumers} consumers: {onceRecords.Count:N0} records, each delivered once");
        var oncePrefix = AzuriteTables.NewPrefix("once");
        var onceConsumers = new List<IngestConsumer>();
        for (var i = 0; i < AggregationSettings.Consumers; i++)
        {
            onceConsumers.Add(await ConsumerAsync(azurite, oncePrefix, time, settings.RoundTrip, cancellationToken));
        }

        var once = await Ingest.RunAsync($"{AggregationSettings.Consumers} consumers, once", onceConsumers, Batches(onceRecords), azurite.Cpu, cancellationToken);
        var onceTotals = await OrganisationTotals.ReadAsync(await azurite.OpenAsync(oncePrefix, cancellationToken), OrganisationTotals.Partitions(onceRecords), cancellationToken);
        checks.Add(CorrectnessCheck.Equal($"{AggregationSettings.Consumers} consumers, once: organisation monthly rows, requests", onceExpected.Requests, onceTotals.Requests));
        checks.Add(CorrectnessCheck.Equal($"{AggregationSettings.Consumers} consumers, once: organisation monthly rows, cost", onceExpected.CostUsd, onceTotals.CostUsd));

        // 5. Four consumers on one queue and one table, every record delivered twice in a shuffled order.
        var concurrentRecords = UsageWorkload.Stream("c", keys, ingestFirstDay, AggregationSettings.IngestDays, settings.ConcurrentRecords, AggregationSettings.Seed + 3);
        var concurrentExpected = OrganisationTotals.Of(concurrentRecords);
        Progress($"ingest, {AggregationSettings.Consumers} consumers: {concurrentRecords.Count:N0} records, each delivered twice, shuffled");
        var concurrentPrefix = AzuriteTables.NewPrefix("multi");
        var twice = concurrentRecords.Concat(concurrentRecords).ToArray();
        new Random(AggregationSettings.Seed).Shuffle(twice);
        var consumers = new List<IngestConsumer>();
        for (var i = 0; i < AggregationSettings.Consumers; i++)
        {
            consumers.Add(await ConsumerAsync(azurite, concurrentPrefix, time, settings.RoundTrip, cancellationToken));
        }

        var concurrent = await Ingest.RunAsync($"{AggregationSettings.Consumers} consumers", consumers, Batches(twice), azurite.Cpu, cancellationToken);
        var concurrentTotals = await OrganisationTotals.ReadAsync(await azurite.OpenAsync(concurrentPrefix, cancellationToken), OrganisationTotals.Partitions(concurrentRecords), cancellationToken);
        checks.Add(CorrectnessCheck.Equal($"{AggregationSettings.Consumers} consumers, twice: organisation monthly rows, requests", concurrentExpected.Requests, concurrentTotals.Requests));
        checks.Add(CorrectnessCheck.Equal($"{AggregationSettings.Consumers} consumers, twice: organisation monthly rows, cost", concurrentExpected.CostUsd, concurrentTotals.CostUsd));

        // 6. The summaries' data: one record per key per day over the last 90 days (UTC), counted by the real aggregator.
        var seedFrom = today.AddDays(1 - settings.ReportDays);
        var reportKeys = UsageWorkload.Keys(settings.ReportKeys, AggregationSettings.Seed + 2);
        var seedRecords = UsageWorkload.Daily("r", reportKeys, seedFrom, today, time.GetUtcNow(), AggregationSettings.Seed + 2);
        Progress($"seeding {settings.ReportKeys} keys × {settings.ReportDays} days: {seedRecords.Count:N0} records in batches of {AggregationSettings.BatchSize}");
        var reportPrefix = AzuriteTables.NewPrefix("report");
        var seeding = await Ingest.RunAsync("seeding", [await ConsumerAsync(azurite, reportPrefix, time, TimeSpan.Zero, cancellationToken)], Batches(seedRecords), azurite.Cpu, cancellationToken);
        var seedTotals = OrganisationTotals.Of(seedRecords);
        var seed = new ReportSeed(settings.ReportKeys, seedFrom, today, OrganisationTotals.Partitions(seedRecords), seedRecords.Count, seedTotals.CostUsd, seeding);

        // 7. The summary by key over the 90 days as the reports endpoint parses it: 5 warm-up runs, 30 timed runs.
        var reader = new TimedAggregateReader(await azurite.OpenAsync(reportPrefix, cancellationToken));
        var range = ReportRange.Parse(ReportRange.Format(seedFrom), ReportRange.Format(today), time).Value!;
        Progress($"summary {range} by key: {AggregationSettings.SummaryWarmUpRuns} warm-up runs, {AggregationSettings.SummaryTimedRuns} timed runs");
        var byKey = await SummaryTiming.RunAsync(reader, range, ReportGroupBy.Parse("key").Value!, AggregationSettings.SummaryWarmUpRuns, AggregationSettings.SummaryTimedRuns, azurite.Cpu, cancellationToken);
        checks.Add(CorrectnessCheck.Equal("Summary by key: groups", settings.ReportKeys, byKey.Report.Groups.Count));
        checks.Add(CorrectnessCheck.Equal("Summary by key: total requests", seedTotals.Requests, byKey.Report.Total.Requests));
        checks.Add(CorrectnessCheck.Equal("Summary by key: total cost", seedTotals.CostUsd, byKey.Report.Total.CostUsd));

        // 8. The other groupings, for information; the floor, a query that returns nothing; one row from each partition.
        var others = new List<SummaryTimingResult>();
        foreach (var name in OtherGroupings)
        {
            Progress($"summary {range} by {name}: {settings.OtherWarmUpRuns} warm-up runs, {settings.OtherTimedRuns} timed runs");
            var other = await SummaryTiming.RunAsync(reader, range, ReportGroupBy.Parse(name).Value!, settings.OtherWarmUpRuns, settings.OtherTimedRuns, azurite.Cpu, cancellationToken);
            others.Add(other);
            checks.Add(CorrectnessCheck.Equal($"Summary by {name}: total cost", seedTotals.CostUsd, other.Report.Total.CostUsd));
        }

        var emptyQuery = await EmptyQueryAsync(reader, today, cancellationToken);
        var partitions = new List<PartitionLatency>();
        foreach (var partition in seed.Partitions)
        {
            var markers = seedRecords.Count(record => AggregateKeys.Partition(record.StartedAt) == partition);
            partitions.Add(new PartitionLatency(partition, markers, await OneRowQueryAsync(reader, partition, cancellationToken)));
        }

        // 9. The report.
        var results = new AggregationResults(settings, ingestFirstDay, single, once, concurrent, seed, byKey, others, emptyQuery, partitions, checks, Stopwatch.GetElapsedTime(started));
        var markdown = AggregationReport.ToMarkdown(results);
        await BenchmarkReportFile.PublishAsync("aggregation", markdown, Progress, cancellationToken);
        CorrectnessCheck.ReportFailures(checks, Progress);

        return results.Sound ? 0 : 1;
    }

    public static void Progress(string message) => Console.Error.WriteLine($"[aggregation-benchmark] {message}");

    private static async Task<IngestConsumer> ConsumerAsync(AzuriteTables azurite, string prefix, TimeProvider time, TimeSpan roundTrip, CancellationToken cancellationToken)
    {
        var store = new CountingAggregateStore(await azurite.OpenAsync(prefix, cancellationToken), roundTrip);
        return new IngestConsumer(new UsageAggregator(store, time, NullLogger<UsageAggregator>.Instance), store);
    }

    private static UsageRecord[][] Batches(IEnumerable<UsageRecord> records) => [.. records.Chunk(AggregationSettings.BatchSize)];

    /// <summary>One day's daily rows of a dimension nothing is counted under: every part of a query but the rows.</summary>
    private static Task<DurationStats> EmptyQueryAsync(TimedAggregateReader reader, DateOnly day, CancellationToken cancellationToken) =>
        ProbeAsync(reader, () => reader.ReadDailyAsync(AggregateKeys.Partition(day), day, day, AggregateDimension.Tag("benchmark-nothing"), null, cancellationToken), cancellationToken);

    /// <summary>The organisation's monthly rollup of a partition: one row, alone, so its time is the partition's and not its rows'.</summary>
    private static Task<DurationStats> OneRowQueryAsync(TimedAggregateReader reader, string partition, CancellationToken cancellationToken) =>
        ProbeAsync(reader, () => reader.ReadMonthlyAsync(partition, AggregateDimension.Organisation, cancellationToken), cancellationToken);

    /// <summary>One query at a time: a warm-up run, then <see cref="AggregationSettings.ProbeRuns"/> timed runs.</summary>
    private static async Task<DurationStats> ProbeAsync(TimedAggregateReader reader, Func<IAsyncEnumerable<AggregateRow>> query, CancellationToken cancellationToken)
    {
        var ticks = new List<long>();
        for (var i = 0; i < AggregationSettings.ProbeRuns + 1; i++)
        {
            var began = Stopwatch.GetTimestamp();
            await foreach (var _ in query().WithCancellation(cancellationToken))
            {
            }

            if (i > 0)
            {
                ticks.Add(Stopwatch.GetTimestamp() - began);
            }
        }

        reader.Drain();
        return DurationStats.Of(ticks);
    }
}
