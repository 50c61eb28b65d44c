namespace KeyMeter.Functions.DeadLetters;

/// <summary>Log events of the dead-letter routes (EventIds 3100–3149). Queue names, counts and actors only.</summary>
internal static partial class DeadLetterLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Replayed {Count} dead letter(s) into queue {QueueName} for {Actor}")]
    public static partial void Replayed(ILogger logger, string queueName, int count, string actor);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "The replay into queue {QueueName} stopped after {Count} message(s): {Failure}")]
    public static partial void ReplayStopped(ILogger logger, string queueName, int count, string failure);
}
