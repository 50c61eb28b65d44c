using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Aggregation;

/// <summary>Log events of the aggregation (EventIds 1400–1419). Record ids, counts and partitions only.</summary>
internal static partial class AggregationLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Debug, Message = "Partition {Partition} changed concurrently; rebuilding the transaction (attempt {Attempt})")]
    public static partial void Conflict(ILogger logger, string partition, int attempt);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "{Count} record(s) in partition {Partition} were counted before; skipping them")]
    public static partial void AlreadyCounted(ILogger logger, string partition, int count);
}
