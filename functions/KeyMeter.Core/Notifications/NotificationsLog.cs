using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Notifications;

/// <summary>Notification delivery logs, EventIds 8100–8199. Message ids and channel names only: never a URL or a body.</summary>
internal static partial class NotificationsLog
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Information, Message = "Sent {MessageId} through {Channel}")]
    public static partial void Sent(ILogger logger, string messageId, string channel);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Debug, Message = "{MessageId} was sent through {Channel} before; not sent again")]
    public static partial void AlreadySent(ILogger logger, string messageId, string channel);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Sending {MessageId} through {Channel} failed ({Detail}); it is tried again later")]
    public static partial void SendFailed(ILogger logger, string messageId, string channel, string? detail);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Error, Message = "{Channel} refused {MessageId} ({Detail}); it is not tried again: check the channel's settings")]
    public static partial void Refused(ILogger logger, string messageId, string channel, string? detail);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Warning, Message = "{Channel} attempt {Attempt} for {MessageId} failed ({Detail}); retrying")]
    public static partial void Retrying(ILogger logger, string channel, int attempt, string messageId, string detail);
}
