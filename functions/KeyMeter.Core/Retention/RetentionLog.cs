using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Retention;

/// <summary>Log events of retention (EventIds 1500–1549). Counts and partitions only.</summary>
internal static partial class RetentionLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Retention finished: {Markers} marker(s), {DailyRows} daily row(s) and {Partitions} month partition(s) removed")]
    public static partial void Completed(ILogger logger, int markers, int dailyRows, int partitions);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Retention stopped early ({Reason}) after removing {Markers} marker(s), {DailyRows} daily row(s) and {Partitions} month partition(s); the next run continues")]
    public static partial void Stopped(ILogger logger, string reason, int markers, int dailyRows, int partitions);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Month partition {Partition} is past the retention and was removed")]
    public static partial void PartitionRemoved(ILogger logger, string partition);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Debug, Message = "Deleted {Count} row(s) of partition {Partition}")]
    public static partial void BatchDeleted(ILogger logger, string partition, int count);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Partition {Partition} of the aggregates table is not a yyyy-MM month; retention leaves it alone")]
    public static partial void UnknownPartition(ILogger logger, string partition);
}
