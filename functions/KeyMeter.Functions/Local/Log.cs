namespace KeyMeter.Functions.Local;

/// <summary>Local runtime logging, EventIds 2100-2199. Message bodies are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Local mode: calling payload functions at {BaseAddress}")]
    public static partial void SelfAddressResolved(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Timer {FunctionName} next fires at {NextOccurrence:O}")]
    public static partial void TimerScheduled(ILogger logger, string functionName, DateTimeOffset nextOccurrence);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Timer {FunctionName} firing for {ScheduledAt:O}")]
    public static partial void TimerFiring(ILogger logger, string functionName, DateTimeOffset scheduledAt);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Timer {FunctionName} invocation failed: {Reason}")]
    public static partial void TimerFailed(ILogger logger, string functionName, string reason);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Debug, Message = "Queue {QueueName}: {FunctionName} completed {Count} message(s) on delivery {DeliveryCount}")]
    public static partial void Delivered(ILogger logger, string queueName, string functionName, int count, int deliveryCount);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "Queue {QueueName}: {FunctionName} failed {Count} message(s) on delivery {DeliveryCount} ({Reason}); redelivering in {Backoff}")]
    public static partial void DeliveryFailed(ILogger logger, string queueName, string functionName, int count, int deliveryCount, string reason, TimeSpan backoff);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Error, Message = "Queue {QueueName}: message {MessageId} dead-lettered after {DeliveryCount} deliveries to {FunctionName} ({Reason})")]
    public static partial void DeadLettered(ILogger logger, string queueName, string messageId, int deliveryCount, string functionName, string reason);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Debug, Message = "Queue {QueueName}: dropped duplicate message {MessageId}")]
    public static partial void DuplicateDropped(ILogger logger, string queueName, string messageId);

    [LoggerMessage(EventId = 2114, Level = LogLevel.Warning, Message = "Queue {QueueName}: {Count} message(s) not delivered before shutdown; in-process queues are not durable")]
    public static partial void UndeliveredDropped(ILogger logger, string queueName, int count);

    [LoggerMessage(EventId = 2115, Level = LogLevel.Warning, Message = "In-process queues did not drain within {DrainTimeout}; stopping")]
    public static partial void DrainTimedOut(ILogger logger, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 2116, Level = LogLevel.Error, Message = "Queue {QueueName}: dead letter {MessageId} could not be stored ({Failure}); trying again in {Backoff}")]
    public static partial void DeadLetterNotStored(ILogger logger, string queueName, string messageId, string failure, TimeSpan backoff);

    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "{FunctionName}: {Line}")]
    public static partial void FunctionLog(ILogger logger, string functionName, string line);
}
