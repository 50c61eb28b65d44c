namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>How long a query for one row takes in a month partition that holds <see cref="Markers"/> record markers beside its aggregate rows.</summary>
internal sealed record PartitionLatency(string Partition, long Markers, DurationStats OneRowQuery);
