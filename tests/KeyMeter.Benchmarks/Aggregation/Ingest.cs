using System.Collections.Concurrent;
using System.Diagnostics;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>
/// Feeds batches to consumers the way the aggregate function receives them: each consumer takes the next batch off a
/// shared queue when it is done with the last one. A batch whose aggregation gives up on a busy partition goes back
/// on the queue, as Service Bus redelivers a failed batch.
/// </summary>
internal static class Ingest
{
    public static async Task<IngestResult> RunAsync(
        string name,
        IReadOnlyList<IngestConsumer> consumers,
        IReadOnlyList<UsageRecord[]> batches,
        Func<CpuTimes> cpu,
        CancellationToken cancellationToken)
    {
        var queue = new ConcurrentQueue<UsageRecord[]>(batches);
        var latencies = new ConcurrentQueue<long>();
        var deliveries = batches.Sum(batch => (long)batch.Length);
        var distinct = batches.SelectMany(batch => batch).Select(record => record.Id).Distinct(StringComparer.Ordinal).LongCount();
        var progress = new Progress(name, deliveries);
        var redelivered = 0;

        var cpuBefore = cpu();
        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(consumers.Select(consumer => Task.Run(() => ConsumeAsync(consumer), cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuUsed = cpu() - cpuBefore;

        var requests = consumers.Aggregate(default(TableRequests), (sum, consumer) => sum.Add(consumer.Store.Requests));
        var aggregation = results.Aggregate(AggregationResult.Empty, (sum, result) => sum.Add(result));
        var first = latencies.TryPeek(out var ticks) ? DurationStats.Milliseconds(ticks) : double.NaN;
        return new IngestResult(consumers.Count, batches.Count, distinct, deliveries, elapsed, aggregation, DurationStats.Of(latencies), first, requests, redelivered, cpuUsed);

        async Task<AggregationResult> ConsumeAsync(IngestConsumer consumer)
        {
            var result = AggregationResult.Empty;
            while (queue.TryDequeue(out var batch))
            {
                var begun = Stopwatch.GetTimestamp();
                try
                {
                    result = result.Add(await consumer.Aggregator.AggregateAsync(batch, cancellationToken));
                }
                catch (AggregationConflictException)
                {
                    Interlocked.Increment(ref redelivered);
                    queue.Enqueue(batch);
                    continue;
                }

                latencies.Enqueue(Stopwatch.GetTimestamp() - begun);
                progress.Fed(batch.Length);
            }

            return result;
        }
    }

    /// <summary>A progress line on stderr each time another <see cref="AggregationSettings.ProgressEvery"/> records are done.</summary>
    private sealed class Progress(string name, long total)
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private long _fed;

        public void Fed(int records)
        {
            var after = Interlocked.Add(ref _fed, records);
            if (after / AggregationSettings.ProgressEvery != (after - records) / AggregationSettings.ProgressEvery || after == total)
            {
                var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
                AggregationBenchmark.Progress($"{name}: {after:N0} of {total:N0} records in {seconds:F1} s ({after / seconds:N0}/s)");
            }
        }
    }
}
