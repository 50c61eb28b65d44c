namespace KeyMeter.Core.Aggregation;

/// <summary>
/// A partition kept changing under the aggregator for <see cref="UsageAggregator.MaxAttempts"/> attempts in a row. The
/// batch fails as a whole and Service Bus redelivers it; what was committed stays counted once.
/// </summary>
public sealed class AggregationConflictException(string partition, int attempts)
    : InvalidOperationException($"Partition {partition} changed concurrently on {attempts} attempts in a row.")
{
    public string Partition { get; } = partition;
}
