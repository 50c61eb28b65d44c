namespace KeyMeter.Functions.CustomHandler;

/// <summary>Custom-handler contract logging, EventIds 2000-2099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Function {FunctionName} rejected its payload: {Reason}")]
    public static partial void BadPayload(ILogger logger, string functionName, string reason);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Function {FunctionName} failed transiently and will be retried by its trigger: {Reason}")]
    public static partial void TransientFailure(ILogger logger, string functionName, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Function {FunctionName} completed")]
    public static partial void Completed(ILogger logger, string functionName);
}
