using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Aggregation;

/// <summary>Log events of the aggregation (EventIds 1400–1419). Record ids, counts, partitions and shards only.</summary>
internal static partial class AggregationLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Debug, Message = "Partition {Partition} changed concurrently; rebuilding the transaction in shard {Shard} (attempt {Attempt})")]
    public static partial void Conflict(ILogger logger, string partition, int attempt, int shard);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "{Count} record(s) in partition {Partition} were counted before; skipping them")]
    public static partial void AlreadyCounted(ILogger logger, string partition, int count);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "A stored aggregate row of partition {Partition} cannot take more without leaving its bounds; counting in shard {Shard} instead")]
    public static partial void ShardFull(ILogger logger, string partition, int shard);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Record {RecordId} can never be counted and was refused: {Reason}")]
    public static partial void Refused(ILogger logger, string recordId, string reason);
}
