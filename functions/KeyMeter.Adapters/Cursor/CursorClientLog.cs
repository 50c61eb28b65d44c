using KeyMeter.Core.Cursor;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Adapters.Cursor;

/// <summary>Log events of the Cursor Admin API client (EventIds 7000–7049). Endpoints and statuses only, never the key.</summary>
internal static partial class CursorClientLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "Cursor {Endpoint} answered {Status} ({Failure}); retrying in {DelayMs} ms (attempt {Attempt} of {MaxAttempts})")]
    public static partial void RetryingStatus(ILogger logger, string endpoint, int status, CursorApiFailure failure, long delayMs, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Cursor {Endpoint} failed ({ErrorType}); retrying in {DelayMs} ms (attempt {Attempt} of {MaxAttempts})")]
    public static partial void RetryingTransport(ILogger logger, string endpoint, string errorType, long delayMs, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Cursor rejected the Admin API key on {Endpoint} ({Status}); the cached secret was invalidated")]
    public static partial void KeyRejected(ILogger logger, string endpoint, int status);
}
