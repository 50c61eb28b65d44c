namespace KeyMeter.Functions.Aggregation;

/// <summary>Log events of the <c>usage-aggregate</c> function (EventIds 1420–1439). Message ids and counts only, never a body.</summary>
internal static partial class AggregationFunctionLog
{
    [LoggerMessage(EventId = 1420, Level = LogLevel.Information, Message = "Aggregated a batch of {Messages} message(s): {Counted} counted, {Duplicates} duplicate(s), {Poisoned} poison, {Transactions} transaction(s), {Retries} retried")]
    public static partial void BatchAggregated(ILogger logger, int messages, int counted, int duplicates, int poisoned, int transactions, int retries);

    [LoggerMessage(EventId = 1421, Level = LogLevel.Error, Message = "Message {MessageId} (delivery {DeliveryCount}) can never be counted and was kept in the poison table: {Reason}")]
    public static partial void PoisonKept(ILogger logger, string messageId, int deliveryCount, string reason);

    [LoggerMessage(EventId = 1422, Level = LogLevel.Warning, Message = "Aggregating a batch of {Messages} message(s) failed ({ErrorType}) after {Attempts} attempt(s); the batch will be redelivered")]
    public static partial void BatchFailed(ILogger logger, int messages, string errorType, int attempts);

    [LoggerMessage(EventId = 1423, Level = LogLevel.Warning, Message = "Aggregating a batch of {Messages} message(s) failed ({ErrorType}) on attempt {Attempt}; trying again in {DelayMs:F0} ms")]
    public static partial void StorageRetry(ILogger logger, int messages, string errorType, int attempt, double delayMs);
}
