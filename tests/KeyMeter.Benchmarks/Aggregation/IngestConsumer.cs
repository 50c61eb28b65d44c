using KeyMeter.Core.Aggregation;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>One consumer of the usage queue: an aggregator over a store of its own, whose Table requests are counted.</summary>
internal sealed record IngestConsumer(UsageAggregator Aggregator, CountingAggregateStore Store);
