using Microsoft.Extensions.Logging;

namespace KeyMeter.Adapters.Aggregation;

/// <summary>Log events of the aggregate and poison tables (EventIds 1450–1469). Partition and row keys only, never values.</summary>
internal static partial class AggregateStoreLog
{
    [LoggerMessage(EventId = 1450, Level = LogLevel.Warning, Message = "Aggregate row {RowKey} in partition {Partition} cannot be read; skipping it")]
    public static partial void UnreadableRow(ILogger logger, string partition, string rowKey);

    [LoggerMessage(EventId = 1451, Level = LogLevel.Warning, Message = "Aggregate row {RowKey} in partition {Partition} holds a count or amount outside the bounds of real usage; skipping it")]
    public static partial void OutOfBoundsRow(ILogger logger, string partition, string rowKey);
}
