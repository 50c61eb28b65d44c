using KeyMeter.Core.Aggregation;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>What one ingest run did and how long it took.</summary>
/// <param name="DistinctRecords">Different records among the deliveries.</param>
/// <param name="Deliveries">Records handed to the aggregators, redeliveries not included.</param>
/// <param name="Aggregation">The aggregators' own account, summed; a batch that threw is not in it.</param>
/// <param name="BatchLatency">One AggregateAsync call each, the calls that threw not included.</param>
/// <param name="FirstBatchMilliseconds">The first call to return (the cold start when there is one consumer).</param>
/// <param name="Redelivered">Batches that threw <see cref="AggregationConflictException"/> and went back on the queue, as Service Bus would redeliver them.</param>
/// <param name="Cpu">Processor time the benchmark process and Azurite used during the run.</param>
internal sealed record IngestResult(
    int Consumers,
    int Batches,
    long DistinctRecords,
    long Deliveries,
    TimeSpan Elapsed,
    AggregationResult Aggregation,
    DurationStats BatchLatency,
    double FirstBatchMilliseconds,
    TableRequests Requests,
    int Redelivered,
    CpuTimes Cpu)
{
    public double DeliveriesPerSecond => Deliveries / Elapsed.TotalSeconds;

    public double DistinctPerSecond => DistinctRecords / Elapsed.TotalSeconds;
}
