using KeyMeter.Core.Metering;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Stands in for the usage queue so that publishing is not part of the measurement: it only counts records, and the
/// ones that were not exact completions (a sign the benchmark broke something, not a cost).
/// </summary>
internal sealed class CountingUsageSink : IUsageSink
{
    private long _records;
    private long _notExact;

    public long Records => Interlocked.Read(ref _records);

    /// <summary>Records whose outcome was not "completed" or whose usage was estimated.</summary>
    public long NotExact => Interlocked.Read(ref _notExact);

    public ValueTask PublishAsync(UsageRecord record, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _records);
        if (record.Estimated || record.Outcome != UsageOutcomes.Completed)
        {
            Interlocked.Increment(ref _notExact);
        }

        return ValueTask.CompletedTask;
    }
}
